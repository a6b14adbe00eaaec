import type { ProgrammePriority } from '../programme-priority.js';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'programmes' })
export class ProgrammeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'text', nullable: true }) donor: string | null;
  @Column({ type: 'char', length: 2, array: true }) countries: string[];
  /** `YYYY-MM-DD` */
  @Column({ name: 'starts_on', type: 'date' }) startsOn: string;
  @Column({ name: 'ends_on', type: 'date' }) endsOn: string;
  /** Read by matching as inclusion boosts. */
  @Column({ type: 'jsonb' }) priorities: ProgrammePriority[];
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
