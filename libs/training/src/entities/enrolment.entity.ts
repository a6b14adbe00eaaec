import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EnrolmentStatus } from '../training-values.js';

@Entity({ name: 'enrolments' })
export class EnrolmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'cohort_id', type: 'uuid' }) cohortId: string;
  @Column({ name: 'profile_id', type: 'uuid' }) profileId: string;
  @Column({ type: 'text' }) status: EnrolmentStatus;
  @Column({ type: 'smallint', nullable: true }) score: number | null;
  @Column({ name: 'enrolled_by', type: 'uuid', nullable: true }) enrolledBy: string | null;
  /** When the enrolment was completed or dropped. */
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
