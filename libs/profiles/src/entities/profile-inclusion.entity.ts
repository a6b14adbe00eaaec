import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { InclusionGroup, Sex } from '../profile-values.js';

/**
 * Inclusion data, stored only with consent for reporting. Never indexed for search and never
 * returned by any endpoint but the person's own export.
 */
@Entity({ name: 'profile_inclusion' })
export class ProfileInclusionEntity {
  @PrimaryColumn({ name: 'profile_id', type: 'uuid' }) profileId: string;
  @Column({ type: 'text', nullable: true }) sex: Sex | null;
  @Column({ name: 'birth_year', type: 'smallint', nullable: true }) birthYear: number | null;
  @Column({ type: 'text', array: true }) groups: InclusionGroup[];
  @Column({ name: 'consented_at', type: 'timestamptz' }) consentedAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', insert: false, update: false })
  updatedAt: Date;
}
