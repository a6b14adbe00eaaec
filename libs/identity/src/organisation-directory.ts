import { typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * What other libs may ask about organisations (identity owns the table): who owns one, and a
 * lock that serialises work counted per organisation.
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
}
