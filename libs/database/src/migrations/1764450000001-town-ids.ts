import { TownCatalogue } from '@app/geonames';
import type { MigrationInterface, QueryRunner } from 'typeorm';

interface StoredTown {
  country: string;
  city: string;
}

/**
 * Profiles and opportunities name their town by GeoNames id (`city_id`) and carry its name in
 * the country's language (`city_local_name`); `city` becomes the canonical GeoNames name.
 * Stored names are mapped to towns here with the same catalogue and folding the API uses, so
 * rows written before keep working ("Prishtina" → Pristina, 786714, Prishtinë). A name no town
 * answers to (none should: they were checked against GeoNames when written) keeps its text and
 * coordinates with a null id.
 */
export class TownIds1764450000001 implements MigrationInterface {
  name = 'TownIds1764450000001';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['profiles', 'opportunities']) {
      await q.query(
        `ALTER TABLE ${table} ADD COLUMN city_id integer, ADD COLUMN city_local_name text`,
      );
    }
    await mapStoredTownNames(q);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['profiles', 'opportunities']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN city_local_name, DROP COLUMN city_id`);
    }
  }
}

/**
 * Maps every stored (country, city) of profiles and opportunities to its town: canonical name,
 * GeoNames id, local name and coordinates, and queues a search sync for each row changed. Rows
 * already mapped are left alone; a name no town answers to keeps its text with a null id.
 */
export async function mapStoredTownNames(q: Pick<QueryRunner, 'query'>): Promise<void> {
  const stored: StoredTown[] = await q.query(`
      SELECT DISTINCT country, city FROM profiles
       WHERE city IS NOT NULL AND country IS NOT NULL AND city_id IS NULL
      UNION
      SELECT DISTINCT countries[1], city FROM opportunities
       WHERE city IS NOT NULL AND city_id IS NULL AND cardinality(countries) = 1`);
  if (stored.length === 0) return; // a new database: no need to read the towns at all
  const catalogue = new TownCatalogue();
  for (const { country, city } of stored) {
    const town = catalogue.find(country, city);
    if (town === undefined) continue;
    const values = [country, city, town.name, town.id, town.localName, town.lat, town.lng];
    // The search documents show `city`: re-sync every row whose row changed (outbox rows,
    // as any write does; `version` is left alone so clients' If-Match values stay valid).
    await q.query(
      `WITH changed AS (
           UPDATE profiles SET city = $3, city_id = $4, city_local_name = $5, lat = $6, lng = $7
            WHERE country = $1 AND city = $2 AND city_id IS NULL RETURNING id)
         INSERT INTO outbox (kind, target, document_id)
         SELECT 'search.sync', 'profiles', id::text FROM changed`,
      values,
    );
    await q.query(
      `WITH changed AS (
           UPDATE opportunities
              SET city = $3, city_id = $4, city_local_name = $5, lat = $6, lng = $7
            WHERE countries[1] = $1 AND cardinality(countries) = 1 AND city = $2
              AND city_id IS NULL RETURNING id)
         INSERT INTO outbox (kind, target, document_id)
         SELECT 'search.sync', 'opportunities', id::text FROM changed`,
      values,
    );
  }
}
