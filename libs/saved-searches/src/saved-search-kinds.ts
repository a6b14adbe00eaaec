import { Injectable } from '@nestjs/common';
import { OpportunitiesSavedSearch } from './opportunities-saved-search.js';
import type { SavedSearchKind } from './saved-search-kind.js';
import type { SavedSearchKindName } from './saved-search-values.js';
import { TalentSavedSearch } from './talent-saved-search.js';

/** The kinds a saved search can be, by name. */
@Injectable()
export class SavedSearchKinds {
  private readonly kinds: ReadonlyMap<SavedSearchKindName, SavedSearchKind>;

  constructor(talent: TalentSavedSearch, opportunities: OpportunitiesSavedSearch) {
    this.kinds = new Map<SavedSearchKindName, SavedSearchKind>([
      [talent.name, talent],
      [opportunities.name, opportunities],
    ]);
  }

  get(name: SavedSearchKindName): SavedSearchKind {
    const kind = this.kinds.get(name);
    if (kind === undefined) throw new Error(`unknown saved-search kind ${name}`);
    return kind;
  }
}
