import { Injectable } from '@nestjs/common';
import type { JWK } from 'jose';
import type { EntityManager } from 'typeorm';

export interface StoredSigningKey {
  thumbprint: string;
  alg: string;
  publicJwk: JWK;
  privateKeySealed: string;
  createdAt: Date;
  retiredAt: Date | null;
}

const COLUMNS = `thumbprint, alg, public_jwk AS "publicJwk", private_key_sealed AS "privateKeySealed",
  created_at AS "createdAt", retired_at AS "retiredAt"`;

/** The credential signing keys; at most one is active (a partial unique index holds that). */
@Injectable()
export class CredentialKeysRepository {
  async findActive(manager: EntityManager): Promise<StoredSigningKey | null> {
    const rows = (await manager.query(
      `SELECT ${COLUMNS} FROM credential_signing_keys WHERE retired_at IS NULL`,
    )) as StoredSigningKey[];
    return rows[0] ?? null;
  }

  /**
   * Inserts the key unless another process made one active first (then nothing happens and the
   * caller reads that one instead).
   */
  async insertUnlessActive(
    manager: EntityManager,
    key: Omit<StoredSigningKey, 'createdAt' | 'retiredAt'>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO credential_signing_keys (thumbprint, alg, public_jwk, private_key_sealed)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [key.thumbprint, key.alg, JSON.stringify(key.publicJwk), key.privateKeySealed],
    );
  }

  /** Public halves of every key, active first, then retired ones newest first. */
  async findAllPublic(
    manager: EntityManager,
  ): Promise<{ thumbprint: string; alg: string; publicJwk: JWK }[]> {
    return (await manager.query(
      `SELECT thumbprint, alg, public_jwk AS "publicJwk" FROM credential_signing_keys
        ORDER BY retired_at IS NOT NULL, coalesce(retired_at, created_at) DESC`,
    )) as { thumbprint: string; alg: string; publicJwk: JWK }[];
  }

  /** Retires the active key; the next signature generates a new one. */
  async retireActive(manager: EntityManager): Promise<number> {
    const [, changed] = (await manager.query(
      `UPDATE credential_signing_keys SET retired_at = now() WHERE retired_at IS NULL`,
    )) as [unknown, number];
    return changed;
  }
}
