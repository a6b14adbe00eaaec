import { anyUuid, typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Which opportunities are open right now, by PostgreSQL (the source of truth): the read other
 * libs (matching's recommendations, which rank index documents) use to drop documents the index
 * still holds for work that closed or whose deadline passed.
 */
@Injectable()
export class OpenOpportunities {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Of these ids, the ones open with no deadline or a deadline after `now`. */
  async amongIds(ids: readonly string[], now: Date): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await typedQueries(this.dataSource.manager)
      .selectFrom('opportunities')
      .select('id')
      .where('id', '=', anyUuid(ids))
      .where('status', '=', 'open')
      .where((eb) => eb.or([eb('deadline', 'is', null), eb('deadline', '>', now)]))
      .execute();
    return new Set(rows.map((r) => r.id));
  }
}
