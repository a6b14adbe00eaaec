import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'profile_skills' })
export class ProfileSkillEntity {
  @PrimaryColumn({ name: 'profile_id', type: 'uuid' }) profileId: string;
  @PrimaryColumn({ name: 'skill_id', type: 'uuid' }) skillId: string;
  @Column({ type: 'smallint' }) level: number;
  @Column({ type: 'smallint', nullable: true }) years: number | null;
  /** Backed by evidence (a certificate); the trainee cannot set it. */
  @Column({ type: 'boolean' }) verified: boolean;
}
