import type { OrganisationType } from '@app/identity';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface OrganisationRef {
  id: string;
  type: OrganisationType;
  name: string;
}

/**
 * Read-only lookups of organisations, people and profiles (owned by identity and profiles) that
 * training decisions need inside their own transactions.
 */
@Injectable()
export class TrainingDirectoryRepository {
  async findOrganisationsByIds(manager: EntityManager, ids: string[]): Promise<OrganisationRef[]> {
    if (ids.length === 0) return [];
    return manager.query(`SELECT id, type, name FROM organisations WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
  }

  /**
   * Whether `profileId` is the profile of a trainee whose account is active (not erased). With
   * `lock`, the profile row is locked so that certifications of one person run one at a time.
   */
  async isActiveTraineeProfile(
    manager: EntityManager,
    profileId: string,
    options: { lock?: boolean } = {},
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT p.id FROM profiles p JOIN users u ON u.id = p.user_id
        WHERE p.id = $1 AND p.erased_at IS NULL AND u.erased_at IS NULL AND u.role = 'trainee'
        ${options.lock === true ? 'FOR UPDATE OF p' : ''}`,
      [profileId],
    );
    return rows.length === 1;
  }

  /** The account a profile belongs to, or null. */
  async findUserIdOfProfile(manager: EntityManager, profileId: string): Promise<string | null> {
    const [row] = (await manager.query(`SELECT user_id AS "userId" FROM profiles WHERE id = $1`, [
      profileId,
    ])) as { userId: string }[];
    return row?.userId ?? null;
  }

  /** The profile of an active trainee, or null. */
  async findProfileIdOfTrainee(manager: EntityManager, userId: string): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `SELECT p.id FROM profiles p JOIN users u ON u.id = p.user_id
        WHERE p.user_id = $1 AND p.erased_at IS NULL AND u.erased_at IS NULL`,
      [userId],
    );
    return rows[0]?.id ?? null;
  }
}
