import { anyUuid, typedQueries } from '@app/database';
import type { PagePosition } from '@app/http';
import { Injectable } from '@nestjs/common';
import type { InferResult } from 'kysely';
import type { EntityManager } from 'typeorm';
import { storedPriorities, type ProgrammePriority } from './programme-priority.js';
import { dateText } from './training-sql.js';
import type { ProgrammeRecord } from './training-records.js';

export interface NewProgramme {
  name: string;
  code: string;
  donor: string | null;
  countries: string[];
  startsOn: string;
  endsOn: string;
  priorities: ProgrammePriority[];
}

/** A programme row: the record without its partners (read apart, by programme ids). */
export type ProgrammeRow = Omit<ProgrammeRecord, 'partners'>;

const selectProgrammes = (manager: EntityManager) =>
  typedQueries(manager)
    .selectFrom('programmes as p')
    .select([
      'p.id',
      'p.name',
      'p.code',
      'p.donor',
      'p.countries',
      dateText('p.starts_on').as('starts_on'),
      dateText('p.ends_on').as('ends_on'),
      'p.priorities',
      'p.created_at',
    ]);

type SelectedProgramme = InferResult<ReturnType<typeof selectProgrammes>>[number];

function toProgrammeRow(r: SelectedProgramme): ProgrammeRow {
  return {
    id: r.id,
    name: r.name,
    code: r.code,
    donor: r.donor,
    countries: r.countries,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    priorities: storedPriorities(r.priorities),
    createdAt: r.created_at,
  };
}

@Injectable()
export class ProgrammesRepository {
  /** The new programme, or null when its code is taken (the unique index decides, race-free). */
  async insertUnlessCodeTaken(
    manager: EntityManager,
    fields: NewProgramme,
  ): Promise<ProgrammeRow | null> {
    const inserted = await typedQueries(manager)
      .insertInto('programmes')
      .values({
        name: fields.name,
        code: fields.code,
        donor: fields.donor,
        countries: fields.countries,
        starts_on: fields.startsOn,
        ends_on: fields.endsOn,
        priorities: JSON.stringify(fields.priorities),
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted === undefined ? null : this.findById(manager, inserted.id);
  }

  async insertPartners(
    manager: EntityManager,
    programmeId: string,
    organisationIds: string[],
  ): Promise<void> {
    if (organisationIds.length === 0) return;
    await typedQueries(manager)
      .insertInto('programme_partners')
      .values(organisationIds.map((id) => ({ programme_id: programmeId, organisation_id: id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async findById(manager: EntityManager, id: string): Promise<ProgrammeRow | null> {
    const row = await selectProgrammes(manager).where('p.id', '=', id).executeTakeFirst();
    return row === undefined ? null : toProgrammeRow(row);
  }

  /** Programmes in creation order after `after`, `limit` of them. */
  async findPage(
    manager: EntityManager,
    after: PagePosition | undefined,
    limit: number,
  ): Promise<ProgrammeRow[]> {
    let query = selectProgrammes(manager);
    if (after !== undefined) {
      query = query.where((eb) =>
        eb(eb.refTuple('p.created_at', 'p.id'), '>', eb.tuple(after.createdAt, after.id)),
      );
    }
    const rows = await query.orderBy('p.created_at').orderBy('p.id').limit(limit).execute();
    return rows.map(toProgrammeRow);
  }

  /** Partner organisation ids per programme id. */
  async findPartnerIds(
    manager: EntityManager,
    programmeIds: string[],
  ): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(programmeIds.map((id) => [id, []]));
    if (programmeIds.length === 0) return out;
    const rows = await typedQueries(manager)
      .selectFrom('programme_partners')
      .select(['programme_id', 'organisation_id'])
      .where('programme_id', '=', anyUuid(programmeIds))
      .orderBy('organisation_id')
      .execute();
    for (const row of rows) out.get(row.programme_id)?.push(row.organisation_id);
    return out;
  }
}
