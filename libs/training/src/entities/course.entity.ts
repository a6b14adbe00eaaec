import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CourseMode } from '../training-values.js';

@Entity({ name: 'courses' })
export class CourseEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'programme_id', type: 'uuid', nullable: true }) programmeId: string | null;
  /** The training provider organisation that runs the course. */
  @Column({ name: 'provider_id', type: 'uuid' }) providerId: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'smallint' }) hours: number;
  @Column({ type: 'text' }) mode: CourseMode;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
