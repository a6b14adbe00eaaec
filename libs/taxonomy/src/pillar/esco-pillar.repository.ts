import { anyText, typedQueries } from '@app/database';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';

/** The one lookup the pillar seed needs beyond the skill repository's own. */
export class EscoPillarRepository {
  /**
   * Ids of collections skills by folded name: the `bpo` skills (no URI) a pillar skill is, and
   * the few whose v1.2.0 concept has the same name as another v1.1.1 one ("use e-services").
   */
  async findCollectionIdsByNameKey(
    manager: EntityManager,
    keys: string[],
  ): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const rows = await typedQueries(manager)
      .selectFrom('skills')
      .distinctOn('name_key')
      .select(['id', 'name_key'])
      .where('source', '=', 'esco')
      .where('category', '<>', 'other')
      .where('name_key', '=', anyText(keys))
      .orderBy('name_key')
      .orderBy(sql`esco_uri NULLS FIRST`)
      .orderBy('id')
      .execute();
    return new Map(rows.map((r) => [r.name_key, r.id]));
  }
}
