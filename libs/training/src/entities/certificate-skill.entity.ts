import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What a certificate certifies, copied from the course when it was issued. */
@Entity({ name: 'certificate_skills' })
export class CertificateSkillEntity {
  @PrimaryColumn({ name: 'certificate_id', type: 'uuid' }) certificateId: string;
  @PrimaryColumn({ name: 'skill_id', type: 'uuid' }) skillId: string;
  @Column({ type: 'smallint' }) level: number;
}
