import { describe, expect, it, jest } from '@jest/globals';
import type { TransactionRunner } from '@app/database';
import type { AppConfig } from '@app/config';
import { GeoService, TownData, TownSearchRepository } from '@app/geo';
import { InputValidationError } from '@app/http';
import type { AuthUser, UserAccountsService, UsersService } from '@app/identity';
import type { OutboxWriter } from '@app/search';
import type { TaxonomyService } from '@app/taxonomy';
import type { EntityManager } from 'typeorm';
import type { ProfileSearchRepository } from './profile-search.repository.js';
import { ProfileVersionConflictError, SearchErasureFailedError } from './profiles.errors.js';
import type { ProfileOwners } from './profile-owners.js';
import type { ProfilesRepository } from './profiles.repository.js';
import { ProfileErasureHooks } from './profile-erasure-hooks.js';
import { ProfilesService, visibilitiesFor } from './profiles.service.js';
import type { SkillSupplyRepository } from './skill-supply.repository.js';

const trainee: AuthUser = {
  id: 'u1',
  email: 'a@example.org',
  role: 'trainee',
  organisationId: null,
};
const manager = {} as EntityManager;

/** The service over recording fakes: calls are logged in order, in or out of a transaction. */
function setup(overrides: { updateIfVersion?: number | undefined; deleteFails?: boolean } = {}) {
  const calls: string[] = [];
  let inTransaction = false;
  const log = (name: string) => calls.push(inTransaction ? `tx:${name}` : name);
  const profiles = {
    findOwnedBy: jest.fn(async () => ({ profile: { version: 7 } })),
    updateIfVersion: jest.fn(async () => {
      log('updateIfVersion');
      return 'updateIfVersion' in overrides ? overrides.updateIfVersion : 3;
    }),
    replaceSkills: jest.fn(async () => log('replaceSkills')),
    replaceLanguages: jest.fn(async () => log('replaceLanguages')),
    erase: jest.fn(async () => {
      log('erase');
      return true;
    }),
    insertForUser: jest.fn(async () => {
      log('insertForUser');
      return 'p9';
    }),
  };
  const transactions = {
    run: async <T>(work: (m: EntityManager) => Promise<T>): Promise<T> => {
      inTransaction = true;
      try {
        return await work(manager);
      } finally {
        inTransaction = false;
      }
    },
  };
  const outbox = { enqueueSearchSync: jest.fn(async () => log('outbox')) };
  const accounts = { eraseUser: jest.fn(async () => log('eraseUser')) };
  const search = {
    deleteAndWait: jest.fn(async () => {
      log('searchDelete');
      if (overrides.deleteFails === true) throw new Error('task 4 failed');
    }),
  };
  const taxonomy = {
    findExistingIds: jest.fn(async (ids: string[]) => ids),
    answerSkillNames: jest.fn(async () => new Map()),
  };
  const service = new ProfilesService(
    profiles as unknown as ProfilesRepository,
    transactions as unknown as TransactionRunner,
    outbox as unknown as OutboxWriter,
    new GeoService(
      new TownData({ townsAbroadMinPopulation: 1_000_000 } as AppConfig),
      // Suggestions come from the towns index; none here, so the error lists none.
      { search: async () => [] } as unknown as TownSearchRepository,
    ),
    taxonomy as unknown as TaxonomyService,
    {} as UsersService,
    accounts as unknown as UserAccountsService,
    search as unknown as ProfileSearchRepository,
    new ProfileErasureHooks(),
    {} as SkillSupplyRepository,
    { activeProfileOf: jest.fn(async () => 'p1') } as unknown as ProfileOwners,
  );
  return { service, calls, profiles };
}

describe('visibilitiesFor', () => {
  it('gives companies only company-visible profiles, brokers and admins more, others none', () => {
    expect(visibilitiesFor('company')).toEqual(['companies']);
    expect(visibilitiesFor('broker')).toEqual(['brokers', 'companies']);
    expect(visibilitiesFor('admin')).toEqual(['brokers', 'companies']);
    expect(visibilitiesFor('trainee')).toEqual([]);
    expect(visibilitiesFor('trainer')).toEqual([]);
  });
});

describe('ProfilesService', () => {
  it('creates the profile and its outbox row in the registration transaction', async () => {
    const { service, calls } = setup();
    await expect(service.createForTrainee(manager, 'u1')).resolves.toBe('p9');
    expect(calls).toEqual(['insertForUser', 'outbox']);
  });

  it('erases in one transaction, then deletes from search before returning', async () => {
    const { service, calls } = setup();
    await service.eraseOwn(trainee);
    expect(calls).toEqual(['tx:erase', 'tx:eraseUser', 'tx:outbox', 'searchDelete']);
  });

  it('reports an erasure search failed to confirm as 503, after the database part', async () => {
    const { service, calls } = setup({ deleteFails: true });
    const error = await service.eraseOwn(trainee).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchErasureFailedError);
    expect((error as SearchErasureFailedError).status).toBe(503);
    expect(calls).toContain('tx:erase');
  });

  it('a stale version writes no skills, languages or outbox row', async () => {
    const { service, calls } = setup({ updateIfVersion: undefined });
    const error = await service.updateOwn(trainee, 2, { headline: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProfileVersionConflictError);
    expect((error as ProfileVersionConflictError).extensions).toEqual({ currentVersion: 7 });
    expect(calls).toEqual(['tx:updateIfVersion']);
  });

  it('refuses an unknown town before touching the database', async () => {
    const { service, calls } = setup();
    const error = await service
      .updateOwn(trainee, 1, { country: 'XK', city: 'Nowhere-on-Sitnica' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).errors).toMatchObject([
      { field: 'city', suggestions: [] },
    ]);
    expect(calls).toEqual([]);
  });
});
