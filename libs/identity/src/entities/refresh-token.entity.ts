import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One issued refresh token. Only the SHA-256 of the token is stored. */
@Entity({ name: 'refresh_tokens' })
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ name: 'user_id', type: 'uuid' }) userId: string;

  /** Every token rotated from one sign-in shares the family id. */
  @Column({ name: 'family_id', type: 'uuid' }) familyId: string;

  @Column({ name: 'token_hash', type: 'bytea' }) tokenHash: Buffer;

  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
