import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../roles.js';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  /** Unique case-insensitively (citext); a placeholder under `.invalid` once erased. */
  @Column({ type: 'citext' }) email: string;

  /** argon2id PHC string; null once erased. Never leaves the identity lib. */
  @Column({ name: 'password_hash', type: 'text', nullable: true }) passwordHash: string | null;

  @Column({ name: 'display_name', type: 'text', nullable: true }) displayName: string | null;

  @Column({ type: 'text' }) role: Role;

  @Column({ name: 'organisation_id', type: 'uuid', nullable: true }) organisationId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false, update: false })
  updatedAt: Date;

  /** The recipient's language for e-mail (en, sq, sr, sr-Cyrl, mk, bs). */
  @Column({ type: 'text', insert: false }) locale: string;

  /** IANA timezone: digests arrive at 08:00 local time (default Europe/Belgrade). */
  @Column({ type: 'text', insert: false }) timezone: string;

  /** When the address was confirmed through the e-mailed link; null until then. */
  @Column({ name: 'email_verified_at', type: 'timestamptz', nullable: true, insert: false })
  emailVerifiedAt: Date | null;

  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true }) erasedAt: Date | null;
}
