import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { registerCompany, registerTrainee, type SignedIn } from '../support/factories.js';
import { bearer } from '../support/opportunity-factories.js';
import { putProfile, skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * What the busiest calls send to PostgreSQL: every statement is a round trip, and under load
 * (docs/search-pipeline.md, "Freshness under load") round trips are what a save and a talent
 * search spend most on. Reads of one statement run without a transaction; an outbox row and its
 * wake-up notification are one statement.
 */
describe('statements of the hot calls', () => {
  let t: TestApp;
  let company: SignedIn;
  let trainee: SignedIn;
  let skills: Record<string, string>;
  const sent: string[] = [];
  let recording = false;
  const original = pg.Client.prototype.query;

  /** The text of every statement the app's pools send while `work` runs. */
  const statementsOf = async (work: () => Promise<unknown>): Promise<string[]> => {
    sent.length = 0;
    recording = true;
    try {
      await work();
    } finally {
      recording = false;
    }
    return [...sent];
  };

  beforeAll(async () => {
    t = await createTestApp();
    (pg.Client.prototype as { query: unknown }).query = function (
      this: pg.Client,
      ...args: unknown[]
    ) {
      if (recording) {
        const first = args[0] as string | { text?: string; name?: string };
        sent.push(typeof first === 'string' ? first : (first.text ?? first.name ?? ''));
      }
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    skills = await skillIds(t, ['JavaScript']);
    company = await registerCompany(t);
    trainee = await registerTrainee(t, { displayName: 'Marija Kostić' });
    await putProfile(t, trainee, {
      headline: 'Support agent',
      skills: [{ skillId: skills.JavaScript, level: 3 }],
      visibility: 'companies',
    });
  }, 120_000);

  afterAll(async () => {
    pg.Client.prototype.query = original;
    await t?.close();
  });

  it('a free-text talent search opens no transaction', async () => {
    const statements = await statementsOf(() =>
      t.http
        .get('/api/talent?q=javascript%20support')
        .auth(...bearer(company))
        .expect(200),
    );
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.filter((s) => /^\s*(START TRANSACTION|BEGIN|COMMIT)\b/i.test(s))).toEqual([]);
  });

  it('a profile save writes its outbox row and the relay’s wake-up in one statement', async () => {
    const statements = await statementsOf(() =>
      putProfile(t, trainee, {
        headline: 'Support agent, nights',
        skills: [{ skillId: skills.JavaScript, level: 4 }],
        visibility: 'companies',
      }),
    );
    const outbox = statements.filter((s) => /\boutbox\b/i.test(s) || /pg_notify/i.test(s));
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatch(/insert into "outbox"/i);
    expect(outbox[0]).toMatch(/pg_notify/i);
    // the skills check before the write is one statement, outside the save's transaction
    const begins = statements.filter((s) => /^\s*(START TRANSACTION|BEGIN)\b/i.test(s));
    expect(begins).toHaveLength(1);
  });
});
