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
    const rows: { id: string; name_key: string }[] = await manager.query(
      `SELECT DISTINCT ON (name_key) id, name_key FROM skills
        WHERE source = 'esco' AND category <> 'other' AND name_key = ANY($1::text[])
        ORDER BY name_key, esco_uri NULLS FIRST, id`,
      [keys],
    );
    return new Map(rows.map((r) => [r.name_key, r.id]));
  }
}
