import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { mapStoredTownNames } from '../../libs/database/src/migrations/1764450000001-town-ids.js';
import { registerTrainee } from '../support/factories.js';
import { putProfile } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('migration 1764450000001: stored town names → GeoNames ids', () => {
  let t: TestApp;
  const sql = (query: string, params: unknown[] = []) => t.app.get(DataSource).query(query, params);

  beforeAll(async () => {
    t = await createTestApp();
  }, 180_000);

  afterAll(async () => {
    await t.close();
  });

  it('maps rows written before (any spelling) to the town, and queues their search sync', async () => {
    const ids: string[] = [];
    for (const [country, city] of [
      ['XK', 'Prishtina'],
      ['RS', 'Београд'],
      ['RS', 'Atlantis'],
    ]) {
      const trainee = await registerTrainee(t);
      const profile = await putProfile(t, trainee, { country: 'RS', city: 'Novi Sad' });
      // What a row looked like before the migration: the name as typed, no id.
      await sql(
        `UPDATE profiles SET country = $2, city = $3, city_id = NULL, city_local_name = NULL
          WHERE id = $1`,
        [profile.id, country, city],
      );
      ids.push(profile.id);
    }
    await sql(`DELETE FROM outbox`);

    await mapStoredTownNames(t.app.get(DataSource).createQueryRunner());

    const rows: { city: string; city_id: number | null; city_local_name: string | null }[] =
      await sql(
        `SELECT city, city_id, city_local_name FROM profiles WHERE id = ANY($1)
          ORDER BY array_position($1, id)`,
        [ids],
      );
    expect(rows).toEqual([
      { city: 'Pristina', city_id: 786714, city_local_name: 'Prishtinë' },
      { city: 'Belgrade', city_id: 792680, city_local_name: 'Београд' },
      // No town answers to it: kept as it was, with its coordinates, and no id.
      { city: 'Atlantis', city_id: null, city_local_name: null },
    ]);
    const queued: { document_id: string }[] = await sql(
      `SELECT document_id FROM outbox WHERE target = 'profiles' ORDER BY document_id`,
    );
    expect(queued.map((r) => r.document_id)).toEqual([ids[0], ids[1]].sort());
  });
});
