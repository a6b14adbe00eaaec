import { anyUuid, checkedText, typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SEXES, type Sex } from './profile-values.js';

/** Inclusion facts a trainee consented to report (the table holds no other rows). */
export interface ConsentedInclusionFacts {
  sex: Sex | null;
  birthYear: number | null;
  groups: string[];
}

/**
 * The read other libs (matching's programme priorities) use instead of reading
 * `profile_inclusion` themselves: only consented facts exist there, since withdrawing consent
 * deletes the row.
 */
@Injectable()
export class ConsentedInclusionReads {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The consented facts of these profiles, by profile id; profiles without consent are absent. */
  async of(profileIds: readonly string[]): Promise<Map<string, ConsentedInclusionFacts>> {
    if (profileIds.length === 0) return new Map();
    const rows = await typedQueries(this.dataSource.manager)
      .selectFrom('profile_inclusion')
      .select(['profile_id', 'sex', 'birth_year', 'groups'])
      .where('profile_id', '=', anyUuid(profileIds))
      .execute();
    return new Map(
      rows.map((r) => [
        r.profile_id,
        {
          sex: r.sex === null ? null : checkedText(SEXES, r.sex, 'profile_inclusion.sex'),
          birthYear: r.birth_year,
          groups: r.groups,
        },
      ]),
    );
  }
}
