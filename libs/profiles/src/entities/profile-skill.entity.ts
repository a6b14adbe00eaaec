import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'profile_skills' })
export class ProfileSkillEntity {
  @PrimaryColumn({ name: 'profile_id', type: 'uuid' }) profileId: string;
  @PrimaryColumn({ name: 'skill_id', type: 'uuid' }) skillId: string;
  /** The higher of `declaredLevel` and `certifiedLevel`: what search and matching read. */
  @Column({ type: 'smallint' }) level: number;
  /** What the trainee declared; null when only a certificate put the skill here. */
  @Column({ name: 'declared_level', type: 'smallint', nullable: true }) declaredLevel:
    number | null;
  /** The highest level a valid certificate backs; null when none does. */
  @Column({ name: 'certified_level', type: 'smallint', nullable: true })
  certifiedLevel: number | null;
  @Column({ type: 'smallint', nullable: true }) years: number | null;
  /** Backed by evidence (a certificate); the trainee cannot set it. */
  @Column({ type: 'boolean' }) verified: boolean;
}
