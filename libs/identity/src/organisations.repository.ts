import { typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { toOrganisationRecord, type OrganisationRecord } from './identity-records.js';
import type { OrganisationType } from './roles.js';

export interface NewOrganisation {
  type: OrganisationType;
  name: string;
  country: string | null;
}

/** SQL for `organisations`. */
@Injectable()
export class OrganisationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, organisation: NewOrganisation): Promise<OrganisationRecord> {
    const row = await typedQueries(manager)
      .insertInto('organisations')
      .values({
        type: organisation.type,
        name: organisation.name,
        country: organisation.country,
        owner_user_id: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toOrganisationRecord(row);
  }

  async findById(id: string): Promise<OrganisationRecord | null> {
    const row = await typedQueries(this.dataSource.manager)
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? null : toOrganisationRecord(row);
  }

  /** Reads the organisation and locks it until the transaction ends (member creation). */
  async lockById(manager: EntityManager, id: string): Promise<OrganisationRecord | null> {
    const row = await typedQueries(manager)
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    return row === undefined ? null : toOrganisationRecord(row);
  }

  async setOwner(manager: EntityManager, id: string, ownerUserId: string): Promise<void> {
    await typedQueries(manager)
      .updateTable('organisations')
      .set({ owner_user_id: ownerUserId })
      .where('id', '=', id)
      .execute();
  }
}
