import { APP_CONFIG, type AppConfig } from '@app/config';
import { TransactionRunner } from '@app/database';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from 'jose';
import { sealPrivateKey, unsealPrivateKey } from './credential-key-seal.js';
import { CredentialKeysRepository } from './credential-keys.repository.js';

/**
 * RS256: Open Badges 3.0 (§8.2.1) requires "RS256 as a minimum" of every verifier, so it is the
 * one algorithm any conformant verifier accepts.
 */
export const CREDENTIAL_SIGNING_ALG = 'RS256';

/** Public path of the key set (outside the /api prefix, like /health). */
export const JWKS_PATH = '/.well-known/jwks.json';

/** How long a process keeps using the active key it loaded before looking again (rotation). */
const ACTIVE_KEY_CACHE_MS = 5 * 60 * 1000;

export interface SigningKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
}

/**
 * The key that signs credentials: generated on first start, kept in PostgreSQL (private half
 * sealed under JWT_SECRET), shared by every API process. Two processes starting together race
 * on a partial unique index and both end up with the one key that won.
 */
@Injectable()
export class CredentialKeysService implements OnApplicationBootstrap {
  private readonly logger = new Logger('CredentialKeys');
  private cached: { key: SigningKey; loadedAt: number } | undefined;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly keys: CredentialKeysRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.activeKey();
  }

  /** A key's id: a URL that dereferences to the key set, with the key's thumbprint as fragment. */
  kidOf(thumbprint: string): string {
    return `${this.config.publicBaseUrl}${JWKS_PATH}#${thumbprint}`;
  }

  async activeKey(): Promise<SigningKey> {
    if (this.cached !== undefined && Date.now() - this.cached.loadedAt < ACTIVE_KEY_CACHE_MS) {
      return this.cached.key;
    }
    let stored = await this.keys.findActive(this.tx.manager);
    if (stored === null) {
      await this.generate();
      stored = await this.keys.findActive(this.tx.manager);
      if (stored === null) throw new Error('no active credential signing key after generating one');
    }
    let plain: string;
    try {
      plain = unsealPrivateKey(stored.privateKeySealed, this.secret());
    } catch {
      throw new Error(
        'The credential signing key cannot be unsealed: JWT_SECRET is not the one it was sealed ' +
          'with. Restore that secret, or retire the key (docs/training.md, "Signing keys").',
      );
    }
    const key: SigningKey = {
      kid: this.kidOf(stored.thumbprint),
      alg: stored.alg,
      privateKey: (await importJWK(JSON.parse(plain) as JWK, stored.alg)) as CryptoKey,
    };
    this.cached = { key, loadedAt: Date.now() };
    return key;
  }

  /**
   * Retires the active key (rotation, docs/training.md "Signing keys"): this process signs with
   * a new key from its next signature; other processes once their cache expires.
   */
  async retireActiveKey(): Promise<void> {
    await this.keys.retireActive(this.tx.manager);
    this.cached = undefined;
  }

  /** Every key's public half (retired keys too: credentials they signed stay verifiable). */
  async jwks(): Promise<{ keys: Record<string, unknown>[] }> {
    const all = await this.keys.findAllPublic(this.tx.manager);
    return {
      keys: all.map((k) => ({
        ...k.publicJwk,
        kid: this.kidOf(k.thumbprint),
        alg: k.alg,
        use: 'sig',
      })),
    };
  }

  private async generate(): Promise<void> {
    const { publicKey, privateKey } = await generateKeyPair(CREDENTIAL_SIGNING_ALG, {
      extractable: true,
      modulusLength: 2048,
    });
    const publicJwk = await exportJWK(publicKey);
    const thumbprint = await calculateJwkThumbprint(publicJwk);
    await this.keys.insertUnlessActive(this.tx.manager, {
      thumbprint,
      alg: CREDENTIAL_SIGNING_ALG,
      publicJwk,
      privateKeySealed: sealPrivateKey(JSON.stringify(await exportJWK(privateKey)), this.secret()),
    });
    this.logger.log(`Credential signing key ready (${thumbprint})`);
  }

  private secret(): string {
    if (this.config.jwtSecret === undefined) {
      throw new Error('JWT_SECRET is needed to seal the credential signing key');
    }
    return this.config.jwtSecret;
  }
}
