import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1764300000000 implements MigrationInterface {
  name = 'Identity1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL CHECK (type IN ('company', 'membership_org', 'training_provider')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        country char(2) CHECK (country ~ '^[A-Z]{2}$'),
        owner_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email citext NOT NULL UNIQUE,
        password_hash text,
        display_name text,
        role text NOT NULL CHECK (role IN ('trainee', 'company', 'broker', 'trainer', 'admin')),
        organisation_id uuid REFERENCES organisations (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        -- people of organisations belong to one; trainees and admins to none
        CONSTRAINT users_role_organisation CHECK ((role IN ('trainee', 'admin')) = (organisation_id IS NULL)),
        -- an erased account keeps no way to sign in and no personal data
        CONSTRAINT users_erased_wiped CHECK (erased_at IS NULL OR (password_hash IS NULL AND display_name IS NULL))
      )`);
    await q.query(`CREATE INDEX users_organisation_id_idx ON users (organisation_id)`);
    await q.query(`
      ALTER TABLE organisations ADD CONSTRAINT organisations_owner_user_id_fkey
        FOREIGN KEY (owner_user_id) REFERENCES users (id)`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash bytea NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family_id_idx ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_user_id_idx ON refresh_tokens (user_id)`);
    for (const table of ['users', 'organisations']) {
      await q.query(`
        CREATE TRIGGER ${table}_set_updated_at BEFORE UPDATE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION set_updated_at()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_owner_user_id_fkey`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE organisations`);
  }
}
