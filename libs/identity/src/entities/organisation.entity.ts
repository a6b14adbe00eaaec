import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrganisationType } from '../roles.js';

@Entity({ name: 'organisations' })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'text' }) type: OrganisationType;

  @Column({ type: 'text' }) name: string;

  /** ISO 3166-1 alpha-2; null for a company registered without one. */
  @Column({ type: 'char', length: 2, nullable: true }) country: string | null;

  /** The person who may add members; null until the first member of an admin-made org exists. */
  @Column({ name: 'owner_user_id', type: 'uuid', nullable: true }) ownerUserId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false, update: false })
  updatedAt: Date;
}
