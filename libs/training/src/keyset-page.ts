import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { PagePosition } from './page-cursor.js';

/**
 * Orders `query` by (created_at, id) of `alias` and keeps `limit` rows after `after`: the one
 * keyset shape every list of this lib pages with.
 */
export function keysetPage<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  after: PagePosition | undefined,
  limit: number,
): SelectQueryBuilder<T> {
  query.orderBy(`${alias}.created_at`, 'ASC').addOrderBy(`${alias}.id`, 'ASC').limit(limit);
  if (after !== undefined) {
    query.andWhere(`(${alias}.created_at, ${alias}.id) > (:afterAt, :afterId)`, {
      afterAt: after.createdAt,
      afterId: after.id,
    });
  }
  return query;
}
