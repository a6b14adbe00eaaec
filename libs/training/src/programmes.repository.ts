import type { ProgrammePriority } from './programme-priority.js';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProgrammeEntity } from './entities/programme.entity.js';
import { keysetPage } from './keyset-page.js';
import type { PagePosition } from './page-cursor.js';

export interface NewProgramme {
  name: string;
  code: string;
  donor: string | null;
  countries: string[];
  startsOn: string;
  endsOn: string;
  priorities: ProgrammePriority[];
}

@Injectable()
export class ProgrammesRepository {
  /** The new programme, or null when its code is taken (the unique index decides, race-free). */
  async insertUnlessCodeTaken(
    manager: EntityManager,
    fields: NewProgramme,
  ): Promise<ProgrammeEntity | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO programmes (name, code, donor, countries, starts_on, ends_on, priorities)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (code) DO NOTHING
       RETURNING id`,
      [
        fields.name,
        fields.code,
        fields.donor,
        fields.countries,
        fields.startsOn,
        fields.endsOn,
        JSON.stringify(fields.priorities),
      ],
    );
    return rows.length === 0 ? null : this.findById(manager, rows[0].id);
  }

  async insertPartners(
    manager: EntityManager,
    programmeId: string,
    organisationIds: string[],
  ): Promise<void> {
    if (organisationIds.length === 0) return;
    await manager.query(
      `INSERT INTO programme_partners (programme_id, organisation_id)
       SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [programmeId, organisationIds],
    );
  }

  findById(manager: EntityManager, id: string): Promise<ProgrammeEntity | null> {
    return manager.getRepository(ProgrammeEntity).findOneBy({ id });
  }

  /** Programmes in creation order after `after`, `limit` of them. */
  findPage(
    manager: EntityManager,
    after: PagePosition | undefined,
    limit: number,
  ): Promise<ProgrammeEntity[]> {
    const query = manager.getRepository(ProgrammeEntity).createQueryBuilder('p');
    return keysetPage(query, 'p', after, limit).getMany();
  }

  /** Partner organisation ids per programme id. */
  async findPartnerIds(
    manager: EntityManager,
    programmeIds: string[],
  ): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(programmeIds.map((id) => [id, []]));
    if (programmeIds.length === 0) return out;
    const rows: { programme_id: string; organisation_id: string }[] = await manager.query(
      `SELECT programme_id, organisation_id FROM programme_partners
        WHERE programme_id = ANY($1::uuid[]) ORDER BY organisation_id`,
      [programmeIds],
    );
    for (const row of rows) out.get(row.programme_id)?.push(row.organisation_id);
    return out;
  }
}
