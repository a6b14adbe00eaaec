import { typedQueries, type Database } from '@app/database';
import { Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';

/** A public JWK as stored (jsonb): its members, as JSON. */
export type StoredJwk = { readonly [member: string]: unknown };

export interface StoredSigningKey {
  thumbprint: string;
  alg: string;
  publicJwk: StoredJwk;
  privateKeySealed: string;
  createdAt: Date;
  retiredAt: Date | null;
}

type StoredJson = Selectable<Database['credential_signing_keys']>['public_jwk'];

/** The stored public key: a JSON object, checked rather than cast. */
function storedJwk(value: StoredJson): StoredJwk {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('credential_signing_keys.public_jwk is not a JSON object');
  }
  return value;
}

/** The credential signing keys; at most one is active (a partial unique index holds that). */
@Injectable()
export class CredentialKeysRepository {
  async findActive(manager: EntityManager): Promise<StoredSigningKey | null> {
    const row = await typedQueries(manager)
      .selectFrom('credential_signing_keys')
      .select(['thumbprint', 'alg', 'public_jwk', 'private_key_sealed', 'created_at', 'retired_at'])
      .where('retired_at', 'is', null)
      .executeTakeFirst();
    if (row === undefined) return null;
    return {
      thumbprint: row.thumbprint,
      alg: row.alg,
      publicJwk: storedJwk(row.public_jwk),
      privateKeySealed: row.private_key_sealed,
      createdAt: row.created_at,
      retiredAt: row.retired_at,
    };
  }

  /**
   * Inserts the key unless another process made one active first (then nothing happens and the
   * caller reads that one instead).
   */
  async insertUnlessActive(
    manager: EntityManager,
    key: Omit<StoredSigningKey, 'createdAt' | 'retiredAt'>,
  ): Promise<void> {
    await typedQueries(manager)
      .insertInto('credential_signing_keys')
      .values({
        thumbprint: key.thumbprint,
        alg: key.alg,
        public_jwk: JSON.stringify(key.publicJwk),
        private_key_sealed: key.privateKeySealed,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  /** Public halves of every key, active first, then retired ones newest first. */
  async findAllPublic(
    manager: EntityManager,
  ): Promise<{ thumbprint: string; alg: string; publicJwk: StoredJwk }[]> {
    const rows = await typedQueries(manager)
      .selectFrom('credential_signing_keys')
      .select(['thumbprint', 'alg', 'public_jwk'])
      .orderBy(sql`retired_at IS NOT NULL`)
      .orderBy(sql`coalesce(retired_at, created_at)`, 'desc')
      .execute();
    return rows.map((r) => ({
      thumbprint: r.thumbprint,
      alg: r.alg,
      publicJwk: storedJwk(r.public_jwk),
    }));
  }

  /** Retires the active key; the next signature generates a new one. */
  async retireActive(manager: EntityManager): Promise<number> {
    const { numUpdatedRows } = await typedQueries(manager)
      .updateTable('credential_signing_keys')
      .set({ retired_at: sql<Date>`now()` })
      .where('retired_at', 'is', null)
      .executeTakeFirst();
    return Number(numUpdatedRows);
  }
}
