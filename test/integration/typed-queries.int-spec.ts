import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runPrepared, TransactionRunner, typedQueries } from '@app/database';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Kysely statements run on TypeORM's connections: in the caller's transaction, or pooled. */
describe('typedQueries', () => {
  let t: TestApp;
  let tx: TransactionRunner;

  beforeAll(async () => {
    t = await createTestApp();
    tx = t.app.get(TransactionRunner);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const insertOrganisation = (name: string) =>
    typedQueries(tx.manager)
      .insertInto('organisations')
      .values({ name, type: 'company', country: 'RS' })
      .returning(['id', 'name', 'created_at'])
      .executeTakeFirstOrThrow();

  it('types rows from the schema and runs outside a transaction on a pooled connection', async () => {
    const row = await insertOrganisation('Typed Rows d.o.o.');
    expect(row.name).toBe('Typed Rows d.o.o.');
    expect(row.created_at).toBeInstanceOf(Date);
    const found = await typedQueries(tx.manager)
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('id', '=', row.id)
      .execute();
    expect(found).toEqual([{ id: row.id, name: 'Typed Rows d.o.o.' }]);
  });

  it('joins the caller’s transaction: its writes roll back with it and it sees its own writes', async () => {
    let seenInside: number | undefined;
    await expect(
      tx.run(async (manager) => {
        await typedQueries(manager)
          .insertInto('organisations')
          .values({ name: 'Rolled Back', type: 'company', country: 'AL' })
          .execute();
        const { n } = await typedQueries(manager)
          .selectFrom('organisations')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('name', '=', 'Rolled Back')
          .executeTakeFirstOrThrow();
        seenInside = Number(n);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(seenInside).toBe(1);
    const after = await typedQueries(tx.manager)
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', 'Rolled Back')
      .execute();
    expect(after).toEqual([]);
  });

  it('reports affected rows of updates and deletes', async () => {
    const row = await insertOrganisation('Counted Rows');
    const updated = await typedQueries(tx.manager)
      .updateTable('organisations')
      .set({ name: 'Counted Rows 2' })
      .where('id', '=', row.id)
      .executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
    const none = await typedQueries(tx.manager)
      .deleteFrom('organisations')
      .where('name', '=', 'no such organisation')
      .executeTakeFirst();
    expect(none.numDeletedRows).toBe(0n);
  });

  it('refuses to start a transaction of its own', async () => {
    await expect(
      typedQueries(tx.manager)
        .transaction()
        .execute(async () => undefined),
    ).rejects.toThrow('TransactionRunner');
  });

  it('runs a Kysely query as a named prepared statement, typed rows, in or out of a transaction', async () => {
    const a = await insertOrganisation('Prepared One');
    const b = await insertOrganisation('Prepared Two');
    const byIds = (ids: string[]) =>
      typedQueries(tx.manager)
        .selectFrom('organisations')
        .select(['id', 'name'])
        .where('id', '=', (eb) => eb.fn.any(eb.val(ids)))
        .orderBy('name');
    const rows = await runPrepared(tx.manager, 'test_organisations_by_ids', byIds([a.id, b.id]));
    expect(rows).toEqual([
      { id: a.id, name: 'Prepared One' },
      { id: b.id, name: 'Prepared Two' },
    ]);
    const inside = await tx.run((manager) =>
      runPrepared(manager, 'test_organisations_by_ids', byIds([b.id])),
    );
    expect(inside).toEqual([{ id: b.id, name: 'Prepared Two' }]);
    const other = typedQueries(tx.manager).selectFrom('organisations').select('id');
    await expect(runPrepared(tx.manager, 'test_organisations_by_ids', other)).rejects.toThrow(
      'declared twice',
    );
  });
});
