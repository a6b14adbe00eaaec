import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { UserEntity } from './entities/user.entity.js';
import { EmailTakenError } from './identity.errors.js';
import type { Role } from './roles.js';

export interface NewUser {
  email: string;
  passwordHash: string;
  displayName: string;
  role: Role;
  organisationId: string | null;
  /** E-mail language; the column default (`en`) when not given. */
  locale?: string;
}

/** SQL for `users`. Every lookup for signing in skips erased accounts. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inserts a user; a taken e-mail (any letter case, thanks to citext) is {@link EmailTakenError}.
   * ON CONFLICT instead of catching the unique violation: a failed statement would be logged by
   * TypeORM with its parameters, password hash included.
   */
  async insert(manager: EntityManager, user: NewUser): Promise<UserEntity> {
    const id = await insertUnlessEmailTaken(manager, user);
    if (id === undefined) throw new EmailTakenError();
    return manager.findOneByOrFail(UserEntity, { id });
  }

  /** Inserts the user unless the e-mail is taken (safe when several instances start at once). */
  async insertIfEmailFree(user: NewUser): Promise<boolean> {
    return (await insertUnlessEmailTaken(this.dataSource.manager, user)) !== undefined;
  }

  findActiveByEmail(email: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ email, erasedAt: IsNull() });
  }

  findActiveById(id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ id, erasedAt: IsNull() });
  }

  /** Changes the own name, e-mail language and/or timezone; returns the account as it is now. */
  async updateProfileFields(
    userId: string,
    fields: { displayName?: string; locale?: string; timezone?: string },
  ): Promise<UserEntity | null> {
    await this.dataSource.query(
      `UPDATE users SET display_name = coalesce($2, display_name), locale = coalesce($3, locale),
                        timezone = coalesce($4, timezone)
        WHERE id = $1 AND erased_at IS NULL`,
      [userId, fields.displayName ?? null, fields.locale ?? null, fields.timezone ?? null],
    );
    return this.findActiveById(userId);
  }

  /** Replaces the password hash of an account that is not erased. */
  async setPasswordHash(
    manager: EntityManager,
    userId: string,
    passwordHash: string,
  ): Promise<void> {
    await manager.update(UserEntity, { id: userId, erasedAt: IsNull() }, { passwordHash });
  }

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(UserEntity).findBy({ id: In([...new Set(ids)]) });
  }

  findActiveByOrganisation(organisationId: string): Promise<UserEntity[]> {
    return this.dataSource.getRepository(UserEntity).find({
      where: { organisationId, erasedAt: IsNull() },
      order: { createdAt: 'ASC' },
    });
  }

  /**
   * Wipes the personal data and the password of a user: the e-mail becomes a unique address
   * under the reserved `.invalid` domain, which can never receive mail or be registered.
   */
  async erase(manager: EntityManager, userId: string): Promise<boolean> {
    const result = await manager.query(
      `UPDATE users
          SET email = 'erased-' || id || '@erased.invalid',
              display_name = NULL, password_hash = NULL, erased_at = now()
        WHERE id = $1 AND erased_at IS NULL
        RETURNING id`,
      [userId],
    );
    return rowCount(result) > 0;
  }
}

async function insertUnlessEmailTaken(
  manager: EntityManager,
  user: NewUser,
): Promise<string | undefined> {
  const rows = (await manager.query(
    `INSERT INTO users (email, password_hash, display_name, role, organisation_id, locale)
     VALUES ($1, $2, $3, $4, $5, coalesce($6, 'en'))
     ON CONFLICT (email) DO NOTHING
     RETURNING id`,
    [
      user.email,
      user.passwordHash,
      user.displayName,
      user.role,
      user.organisationId,
      user.locale ?? null,
    ],
  )) as { id: string }[];
  return rows[0]?.id;
}

/** `manager.query` answers an UPDATE … RETURNING with `[rows, count]` on PostgreSQL. */
function rowCount(result: unknown): number {
  if (Array.isArray(result) && Array.isArray(result[0])) return result[0].length;
  if (Array.isArray(result)) return result.length;
  return 0;
}
