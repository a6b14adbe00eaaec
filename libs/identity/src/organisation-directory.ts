import { anyUuid, checkedText, typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ORGANISATION_TYPES, type OrganisationType } from './roles.js';

/** An organisation as other libs show it. */
export interface OrganisationName {
  readonly id: string;
  readonly type: OrganisationType;
  readonly name: string;
}

/** What any lib may know of an organisation. */
export type OrganisationRef = OrganisationName;

/**
 * What other libs may ask about organisations (identity owns the table): their names (a batch
 * of ids in one statement), who owns one, and a lock that serialises work counted per
 * organisation.
 */
@Injectable()
export class OrganisationDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** True when `userId` owns the organisation (the account that registered the company). */
  async isOwnedBy(organisationId: string, userId: string): Promise<boolean> {
    const row = await typedQueries(this.dataSource.manager)
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', organisationId)
      .where('owner_user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Locks the organisation's row until `manager`'s transaction ends, so that per-organisation
   * limits counted after it are counted one transaction after another.
   */
  async lockForUpdate(manager: EntityManager, organisationId: string): Promise<void> {
    await typedQueries(manager)
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', organisationId)
      .forUpdate()
      .execute();
  }

  /** Names and types of the organisations among `ids`, by id. */
  async namesOf(
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, OrganisationName>> {
    if (ids.length === 0) return new Map();
    const rows = await typedQueries(manager)
      .selectFrom('organisations')
      .select(['id', 'type', 'name'])
      .where('id', '=', anyUuid([...new Set(ids)]))
      .execute();
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          type: checkedText(ORGANISATION_TYPES, r.type, 'organisations.type'),
          name: r.name,
        },
      ]),
    );
  }

  /** The organisations among `ids` that exist, in no particular order. */
  async findByIds(
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrganisationRef[]> {
    return [...(await this.namesOf(ids, manager)).values()];
  }
}
