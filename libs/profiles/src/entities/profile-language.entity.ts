import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CefrLevel } from '../profile-values.js';

@Entity({ name: 'profile_languages' })
export class ProfileLanguageEntity {
  @PrimaryColumn({ name: 'profile_id', type: 'uuid' }) profileId: string;
  /** ISO 639-1, lower case. */
  @PrimaryColumn({ type: 'char', length: 2 }) code: string;
  @Column({ type: 'text' }) level: CefrLevel;
}
