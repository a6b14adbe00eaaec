import { InputValidationError } from '@app/http';
import type { AuthUser, Role } from '@app/identity';
import { TalentSearchQueryDto, TalentSearchResponseDto, TalentSearchService } from '@app/profiles';
import { Injectable } from '@nestjs/common';
import type {
  AlertItem,
  ChangedSearch,
  SavedQuery,
  SavedSearchKind,
  VisibilityCheck,
} from './saved-search-kind.js';
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

  async run(owner: AuthUser, query: SavedQuery, page: { limit?: string; cursor?: string }) {
    return TalentSearchResponseDto.of(await this.talent.find(owner, { ...query, ...page }));
  }

  findChanged(searches: readonly ChangedSearch[], limit: number) {
    return this.talent.findChanged(
      searches.map((s) => ({ role: s.role, dto: s.query, changedAfter: s.changedAfter })),
      limit,
    );
  }

  /**
   * Who may see a profile depends on the viewer's role only, so the batch's candidates are read
   * once per role present; each search then keeps its own ids, and people not open to work only
   * for a broker's search that asked for them.
   */
  async describeVisible(searches: readonly VisibilityCheck[]): Promise<AlertItem[][]> {
    const idsByRole = new Map<Role, Set<string>>();
    for (const s of searches) {
      const ids = idsByRole.get(s.role) ?? new Set<string>();
      for (const id of s.ids) ids.add(id);
      idsByRole.set(s.role, ids);
    }
    const visibleByRole = new Map<Role, Map<string, { item: AlertItem; openToWork: boolean }>>();
    for (const [role, ids] of idsByRole) {
      if (ids.size === 0) continue;
      const found = await this.talent.describeVisible(role, [...ids], { includeNotOpen: true });
      visibleByRole.set(
        role,
        new Map(
          found.map((p) => [
            p.id,
            {
              openToWork: p.openToWork,
              item: {
                id: p.id,
                title: [p.displayName, p.headline]
                  .filter((s) => s !== null && s !== '')
                  .join(' — '),
              },
            },
          ]),
        ),
      );
    }
    return searches.map((s) => {
      const visible = visibleByRole.get(s.role);
      const includeNotOpen = s.query.includeNotOpen === 'true' && s.role === 'broker';
      return s.ids.flatMap((id) => {
        const v = visible?.get(id);
        return v !== undefined && (includeNotOpen || v.openToWork) ? [v.item] : [];
      });
    });
  }
}
