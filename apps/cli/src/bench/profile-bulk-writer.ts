import type { SeedProfile } from './profile-population.js';

/** Runs one SQL statement (a TypeORM DataSource's or a pg client's `query`). */
export type Sql = (text: string, parameters: unknown[]) => Promise<unknown>;

const CHUNK = 2_000;

/**
 * Writes profiles in bulk, producing the same rows as the write path: registration (a trainee
 * user and an empty profile), one `PUT /api/profiles/me` (fields, skills, languages; version
 * 2), certificates through `markSkillsVerified` (verified, version + 1) and
 * `PUT /api/profiles/me/inclusion` with consent. A test compares the rows of both paths.
 * No outbox rows: the index is rebuilt from PostgreSQL afterwards (reindex).
 */
export async function bulkInsertProfiles(
  sql: Sql,
  profiles: SeedProfile[],
  passwordHash: string,
): Promise<void> {
  for (let i = 0; i < profiles.length; i += CHUNK) {
    await insertChunk(sql, profiles.slice(i, i + CHUNK), passwordHash);
  }
}

const OWNER = `JOIN users u ON u.email = r.email JOIN profiles p ON p.user_id = u.id`;

async function insertChunk(sql: Sql, chunk: SeedProfile[], passwordHash: string): Promise<void> {
  await sql(
    `INSERT INTO users (email, password_hash, display_name, role, organisation_id)
     SELECT r.email, $2, r.display_name, 'trainee', NULL
       FROM jsonb_to_recordset($1::jsonb) AS r(email text, display_name text)`,
    [
      JSON.stringify(chunk.map((p) => ({ email: p.email, display_name: p.displayName }))),
      passwordHash,
    ],
  );
  await sql(
    `INSERT INTO profiles (user_id, headline, bio, country, city, lat, lng, work_modes,
                           engagement_types, hours_per_week, available_from, hourly_rate_eur,
                           portfolio, open_to_work, visibility, version, last_active_at)
     SELECT u.id, r.headline, NULL, r.country, r.city, r.lat, r.lng, r.work_modes,
            r.engagement_types, r.hours_per_week, r.available_from, r.hourly_rate_eur,
            '[]'::jsonb, r.open_to_work, r.visibility, 2, r.last_active_at
       FROM jsonb_to_recordset($1::jsonb) AS r(email text, headline text, country text,
            city text, lat double precision, lng double precision, work_modes text[],
            engagement_types text[], hours_per_week smallint, available_from date,
            hourly_rate_eur numeric, open_to_work boolean, visibility text,
            last_active_at timestamptz)
       JOIN users u ON u.email = r.email`,
    [
      JSON.stringify(
        chunk.map((p) => ({
          email: p.email,
          headline: p.headline,
          country: p.country,
          city: p.city,
          lat: p.lat,
          lng: p.lng,
          work_modes: p.workModes,
          engagement_types: p.engagementTypes,
          hours_per_week: p.hoursPerWeek,
          available_from: p.availableFrom,
          hourly_rate_eur: p.hourlyRateEur,
          open_to_work: p.openToWork,
          visibility: p.visibility,
          last_active_at: p.lastActiveAt,
        })),
      ),
    ],
  );
  await sql(
    `INSERT INTO profile_skills (profile_id, skill_id, level, declared_level, years)
     SELECT p.id, r.skill_id, r.level, r.level, r.years
       FROM jsonb_to_recordset($1::jsonb) AS r(email text, skill_id uuid, level smallint, years smallint)
       ${OWNER}`,
    [
      JSON.stringify(
        chunk.flatMap((p) =>
          p.skills.map((s) => ({
            email: p.email,
            skill_id: s.skillId,
            level: s.level,
            years: s.years,
          })),
        ),
      ),
    ],
  );
  await sql(
    `INSERT INTO profile_languages (profile_id, code, level)
     SELECT p.id, r.code, r.level
       FROM jsonb_to_recordset($1::jsonb) AS r(email text, code text, level text)
       ${OWNER}`,
    [
      JSON.stringify(
        chunk.flatMap((p) =>
          p.languages.map((l) => ({ email: p.email, code: l.code, level: l.level })),
        ),
      ),
    ],
  );
  const verified = chunk.flatMap((p) =>
    p.verifiedSkillIds.map((skillId) => ({ email: p.email, skill_id: skillId })),
  );
  if (verified.length > 0) {
    await sql(
      `WITH v AS (
         UPDATE profile_skills ps SET verified = true
           FROM jsonb_to_recordset($1::jsonb) AS r(email text, skill_id uuid) ${OWNER}
          WHERE ps.profile_id = p.id AND ps.skill_id = r.skill_id AND NOT ps.verified
         RETURNING ps.profile_id)
       UPDATE profiles SET version = version + 1 WHERE id IN (SELECT profile_id FROM v)`,
      [JSON.stringify(verified)],
    );
  }
  const consented = chunk.filter((p) => p.inclusion !== null);
  if (consented.length > 0) {
    await sql(
      `INSERT INTO profile_inclusion (profile_id, sex, birth_year, groups)
       SELECT p.id, r.sex, r.birth_year, r.groups
         FROM jsonb_to_recordset($1::jsonb) AS r(email text, sex text, birth_year smallint, groups text[])
         ${OWNER}`,
      [
        JSON.stringify(
          consented.map((p) => ({
            email: p.email,
            sex: p.inclusion?.sex ?? null,
            birth_year: p.inclusion?.birthYear ?? null,
            groups: p.inclusion?.groups ?? [],
          })),
        ),
      ],
    );
  }
}
