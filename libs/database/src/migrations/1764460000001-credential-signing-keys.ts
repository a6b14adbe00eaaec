import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keys that sign Open Badges credentials. The private half is stored sealed (AES-256-GCM under
 * a key derived from JWT_SECRET), so a copy of the database alone cannot sign. At most one key
 * is active: a partial unique index makes two processes starting at once keep one key between
 * them. Retired keys stay, so credentials they signed can still be verified from the JWKS.
 */
export class CredentialSigningKeys1764460000001 implements MigrationInterface {
  name = 'CredentialSigningKeys1764460000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE credential_signing_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        thumbprint text NOT NULL UNIQUE,
        alg text NOT NULL,
        public_jwk jsonb NOT NULL,
        private_key_sealed text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`);
    await q.query(`
      CREATE UNIQUE INDEX credential_signing_keys_one_active
        ON credential_signing_keys ((true)) WHERE retired_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE credential_signing_keys`);
  }
}
