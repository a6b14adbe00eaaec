import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'certificates' })
export class CertificateEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'enrolment_id', type: 'uuid' }) enrolmentId: string;
  @Column({ name: 'profile_id', type: 'uuid' }) profileId: string;
  /** The public verification code. */
  @Column({ type: 'text' }) code: string;
  @Column({ name: 'issued_at', type: 'timestamptz', insert: false, update: false })
  issuedAt: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ name: 'revoked_by', type: 'uuid', nullable: true }) revokedBy: string | null;
  @Column({ name: 'revocation_reason', type: 'text', nullable: true })
  revocationReason: string | null;
}
