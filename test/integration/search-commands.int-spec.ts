import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PROFILES_INDEX } from '@app/profiles';
import { OutboxRelay, SearchIndexRegistry } from '@app/search';
import {
  runDrift,
  runReindex,
  usageExitCode,
  type CommandOutput,
} from '../../apps/cli/src/search-commands.js';
import { registerTrainee } from '../support/factories.js';
import { putProfile } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** What a command printed, and its exit code. */
async function run(
  command: (output: CommandOutput) => Promise<number>,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await command({ out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

describe('npm run reindex / npm run drift', () => {
  let t: TestApp;
  let registry: SearchIndexRegistry;

  beforeAll(async () => {
    t = await createTestApp();
    registry = t.app.get(SearchIndexRegistry);
    await t.app.get(OutboxRelay).drain();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('asks for index names or --all, not both and not neither (exit 64)', () => {
    expect(usageExitCode([])).toBe(64);
    expect(usageExitCode(['--repair'])).toBe(64);
    expect(usageExitCode(['--all', PROFILES_INDEX])).toBe(64);
    expect(usageExitCode(['--all'])).toBeUndefined();
    expect(usageExitCode([PROFILES_INDEX, '--repair'])).toBeUndefined();
  });

  it('refuses an unknown index before doing anything (exit 1, named)', async () => {
    const reindex = await run((o) => runReindex(registry, ['no-such-index'], o));
    expect(reindex.code).toBe(1);
    expect(reindex.err).toContain('no-such-index');
    const drift = await run((o) => runDrift(registry, [PROFILES_INDEX, 'no-such-index'], o));
    expect(drift).toMatchObject({ code: 1, out: '' });
    expect(drift.err).toContain('no-such-index');
  });

  it('finds a profile the relay has not indexed yet (exit 2), repairs it, then finds none', async () => {
    const trainee = await registerTrainee(t);
    await putProfile(t, trainee, { visibility: 'companies' });

    const found = await run((o) => runDrift(registry, [PROFILES_INDEX], o));
    expect(found.code).toBe(2);
    expect(found.out).toMatch(
      /^profiles: 1 in PostgreSQL, 0 in Meilisearch; missing 1, stale 0, extra 0\n$/,
    );

    const repaired = await run((o) => runDrift(registry, [PROFILES_INDEX, '--repair'], o));
    expect(repaired.code).toBe(0);
    expect(repaired.out).toContain('missing 1');
    expect(repaired.out).toContain('repaired 1');

    const clean = await run((o) => runDrift(registry, ['--all'], o));
    expect(clean.code).toBe(0);
    expect(clean.out).toContain(
      'profiles: 1 in PostgreSQL, 1 in Meilisearch; missing 0, stale 0, extra 0',
    );
    expect(clean.out.trim().split('\n')).toHaveLength(registry.names().length);
  });

  it('rebuilds every index from PostgreSQL and reports each one (exit 0)', async () => {
    await t.app.get(OutboxRelay).drain(); // nothing pending: no change to catch up
    const result = await run((o) => runReindex(registry, ['--all'], o));
    expect(result).toMatchObject({ code: 0, err: '' });
    const lines = result.out.trim().split('\n');
    expect(lines).toHaveLength(registry.names().length);
    const profiles = lines.find((l) => l.startsWith(registry.uidOf(PROFILES_INDEX)));
    expect(profiles).toMatch(/: 1 documents, 0 changed during the build and caught up$/);
    const drift = await run((o) => runDrift(registry, [PROFILES_INDEX], o));
    expect(drift.code).toBe(0);
  });
});
