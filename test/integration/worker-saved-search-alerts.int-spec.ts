import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SavedSearchAlerts } from '@app/saved-searches';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

describe('the worker runs saved-search alerts', () => {
  let t: TestContext;

  beforeAll(async () => {
    // no JWT or account settings: the alerts job needs none
    delete process.env.JWT_SECRET;
    t = await createTestContext(WorkerModule);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('boots without accounts and runs a pass with nothing due', async () => {
    expect(await t.app.get(SavedSearchAlerts).runDue(new Date())).toEqual({
      searches: 0,
      notified: 0,
      items: 0,
    });
  });
});
