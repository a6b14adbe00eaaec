import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Money and hours of the reports as cells (docs/reporting.md, "Read model"): completed
 * engagements per programme, month of completion, age band at it, the person's dimensions and
 * income value, with how many engagements hold that value and their hours. A report adds the
 * cells of its window up and finds its medians by counting through the values in order, so it
 * reads one row per distinct value of a cell instead of one per engagement. A statement-level
 * trigger on `report_engagements` (itself kept by the read model's triggers) keeps the cells
 * exactly current in the same transaction.
 */

/** The key of a cell: every column but the counts. */
const KEY = ['programme_id', 'month', 'band', 'country', 'consented', 'sex', 'groups', 'income'];

/**
 * The engagements of `rows` (transition rows of `report_engagements`) per cell, counted with
 * `sign`: added to or taken from `report_money`.
 */
const DELTA = (rows: string, sign: '+' | '-') => `
    INSERT INTO report_money AS x (${KEY.join(', ')}, engagements, hours)
    SELECT r.programme_id, r.completed, report_band(r.completed / 12 - r.birth_year), r.country,
           r.consented, r.sex, r.groups, r.income, ${sign}count(*), ${sign}coalesce(sum(r.hours), 0)
    FROM ${rows} r
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT ON CONSTRAINT report_money_key DO UPDATE
      SET engagements = x.engagements + EXCLUDED.engagements, hours = x.hours + EXCLUDED.hours`;

/** Cells of these programmes and months left with no engagement are removed. */
const EMPTIED = (rows: string) => `
    DELETE FROM report_money m
    USING (SELECT DISTINCT programme_id, completed FROM ${rows}) r
    WHERE m.programme_id = r.programme_id AND m.month = r.completed AND m.engagements = 0`;

export class ReportMoneyCells1764670000001 implements MigrationInterface {
  name = 'ReportMoneyCells1764670000001';

  async up(q: QueryRunner): Promise<void> {
    // no foreign key to programmes: the rows follow report_engagements, which cascades from it
    await q.query(`
      CREATE TABLE report_money (
        programme_id uuid NOT NULL,
        -- month of the completion (UTC year * 12 + month - 1)
        month integer NOT NULL,
        -- age band at the completion (an index of reporting's AGE_BANDS, see report_band)
        band smallint NOT NULL,
        -- the person's, as in report_engagements
        country text,
        consented boolean NOT NULL,
        sex text,
        groups text[] NOT NULL,
        -- one income value (EUR); NULL: no income recorded
        income numeric,
        -- completed engagements in the cell with this income, and their hours (none counted 0)
        engagements integer NOT NULL,
        hours numeric NOT NULL,
        CONSTRAINT report_money_key UNIQUE NULLS NOT DISTINCT (${KEY.join(', ')})
      )`);
    await q.query(`
      CREATE FUNCTION report_money_after() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          ${DELTA('old_rows', '-')};
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          ${DELTA('new_rows', '+')};
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          ${EMPTIED('old_rows')};
        END IF;
        RETURN NULL;
      END
      $fn$`);
    await q.query(`CREATE TRIGGER report_money_insert AFTER INSERT ON report_engagements
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_money_after()`);
    await q.query(`CREATE TRIGGER report_money_update AFTER UPDATE ON report_engagements
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION report_money_after()`);
    await q.query(`CREATE TRIGGER report_money_delete AFTER DELETE ON report_engagements
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_money_after()`);
    // backfill from the engagements already kept
    await q.query(DELTA('report_engagements', '+'));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete']) {
      await q.query(`DROP TRIGGER report_money_${op} ON report_engagements`);
    }
    await q.query(`DROP FUNCTION report_money_after()`);
    await q.query(`DROP TABLE report_money`);
  }
}
