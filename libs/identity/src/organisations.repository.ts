import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { OrganisationEntity } from './entities/organisation.entity.js';
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

  async insert(manager: EntityManager, organisation: NewOrganisation): Promise<OrganisationEntity> {
    const { identifiers } = await manager.insert(OrganisationEntity, {
      ...organisation,
      ownerUserId: null,
    });
    return manager.findOneByOrFail(OrganisationEntity, { id: identifiers[0].id as string });
  }

  findById(id: string): Promise<OrganisationEntity | null> {
    return this.dataSource.getRepository(OrganisationEntity).findOneBy({ id });
  }

  /** Reads the organisation and locks it until the transaction ends (member creation). */
  lockById(manager: EntityManager, id: string): Promise<OrganisationEntity | null> {
    return manager
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .where('o.id = :id', { id })
      .getOne();
  }

  async setOwner(manager: EntityManager, id: string, ownerUserId: string): Promise<void> {
    await manager.update(OrganisationEntity, { id }, { ownerUserId });
  }
}
