import { Injectable, type OnModuleInit } from '@nestjs/common';
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/**
 * argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane): ~45 ms per hash here. The numeric
 * algorithm id is spelled out because the package's enum is a `const enum`, which isolated
 * modules cannot read.
 */
export const ARGON2_OPTIONS: Options = {
  algorithm: 2 as Algorithm, // Argon2id
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** Password hashing, behind one class so the parameters live in one place. */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummyHash: string | undefined;

  async onModuleInit(): Promise<void> {
    this.dummyHash = await hash(randomBytes(16).toString('base64url'), ARGON2_OPTIONS);
  }

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  /**
   * Verifies `password` against `passwordHash`. With no hash (unknown or erased account) it
   * verifies against a throw-away hash and answers false, so both cases take the same time.
   */
  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (passwordHash === null) {
      this.dummyHash ??= await hash(randomBytes(16).toString('base64url'), ARGON2_OPTIONS);
      await verify(this.dummyHash, password).catch(() => false);
      return false;
    }
    return verify(passwordHash, password).catch(() => false);
  }
}
