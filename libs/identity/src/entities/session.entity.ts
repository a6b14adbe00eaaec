import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One sign-in: its id is the family id of its refresh tokens and the `sid` claim of its access
 * tokens. Revoking it ends both at once.
 */
@Entity({ name: 'sessions' })
export class SessionEntity {
  @PrimaryColumn('uuid') id: string;

  @Column({ name: 'user_id', type: 'uuid' }) userId: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}
