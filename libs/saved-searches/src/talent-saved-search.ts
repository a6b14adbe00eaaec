import { InputValidationError } from '@app/http';
import type { AuthUser, Role } from '@app/identity';
import { TalentSearchQueryDto, TalentSearchService } from '@app/profiles';
import { Injectable } from '@nestjs/common';
import type { AlertItem, ChangedSearch, SavedQuery, SavedSearchKind } from './saved-search-kind.js';
import { checkSavedQuery } from './saved-query-validation.js';

/**
 * Saved talent searches (companies and brokers): `GET /api/talent` with its own validation and
 * its own visibility rules for the owner's role, when saved, run and alerted.
 */
@Injectable()
export class TalentSavedSearch implements SavedSearchKind {
  readonly name = 'talent' as const;
  readonly roles: readonly Role[] = ['company', 'broker'];

  constructor(private readonly talent: TalentSearchService) {}

  check(role: Role, raw: Record<string, unknown>): Promise<SavedQuery> {
    return checkSavedQuery(TalentSearchQueryDto, raw, (dto) => {
      const query = this.talent.checkQuery(dto);
      if (query.includeNotOpen && role !== 'broker') {
        throw new InputValidationError([
          { field: 'includeNotOpen', message: 'only brokers may include people not open to work' },
        ]);
      }
    });
  }

  run(owner: AuthUser, query: SavedQuery, page: { limit?: string; cursor?: string }) {
    return this.talent.find(owner, { ...query, ...page });
  }

  findChanged(searches: readonly ChangedSearch[], limit: number) {
    return this.talent.findChanged(
      searches.map((s) => ({ role: s.role, dto: s.query, changedAfter: s.changedAfter })),
      limit,
    );
  }

  async describeVisible(
    role: Role,
    query: SavedQuery,
    ids: readonly string[],
  ): Promise<AlertItem[]> {
    const found = await this.talent.describeVisible(role, ids, {
      includeNotOpen: query.includeNotOpen === 'true' && role === 'broker',
    });
    return found.map((p) => ({
      id: p.id,
      title: [p.displayName, p.headline].filter((s) => s !== null && s !== '').join(' — '),
    }));
  }
}
