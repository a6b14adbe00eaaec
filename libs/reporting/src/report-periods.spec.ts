import { allPeriods, choosePeriod, programmePeriods, type ReportPeriod } from './report-periods.js';

const ids = (periods: ReportPeriod[]) => periods.map((p) => p.id);

describe('programmePeriods', () => {
  it('splits a calendar-year programme into halves, quarters and months', () => {
    const root = programmePeriods('2026-01-01', '2026-12-31');
    expect([root.from, root.to]).toEqual(['2026-01-01', '2026-12-31']);
    // the year 2026 is the programme period itself
    expect(ids(root.children)).toEqual(['2026-H1', '2026-H2']);
    expect(ids(root.children[0].children)).toEqual(['2026-Q1', '2026-Q2']);
    expect(ids(root.children[0].children[1].children)).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(allPeriods(root)).toHaveLength(1 + 2 + 4 + 12);
  });

  it('clips periods to a programme that starts and ends inside them, merging equal ones', () => {
    const root = programmePeriods('2025-11-15', '2026-02-10');
    expect(ids(root.children)).toEqual(['2025', '2026']);
    const [y2025, y2026] = root.children;
    // 2025: H2 = Q4 = Nov 15 .. Dec 31, split into its two months
    expect([y2025.from, y2025.to]).toEqual(['2025-11-15', '2025-12-31']);
    expect(ids(y2025.children)).toEqual(['2025-11', '2025-12']);
    expect([y2025.children[0].from, y2025.children[0].to]).toEqual(['2025-11-15', '2025-11-30']);
    expect(ids(y2026.children)).toEqual(['2026-01', '2026-02']);
    expect(y2026.children[1].to).toBe('2026-02-10');
  });

  it('partitions every period exactly into its children', () => {
    for (const [from, to] of [
      ['2026-01-01', '2026-12-31'],
      ['2025-03-15', '2027-08-20'],
      ['2026-05-01', '2026-05-31'],
    ]) {
      for (const p of allPeriods(programmePeriods(from, to))) {
        if (p.children.length === 0) {
          expect(p.firstMonth).toBe(p.lastMonth);
          continue;
        }
        expect(p.children.length).toBeGreaterThanOrEqual(2);
        expect(p.children[0].firstMonth).toBe(p.firstMonth);
        expect(p.children[p.children.length - 1].lastMonth).toBe(p.lastMonth);
        p.children
          .slice(1)
          .forEach((c, i) => expect(c.firstMonth).toBe(p.children[i].lastMonth + 1));
      }
    }
  });
});

describe('choosePeriod', () => {
  const root = programmePeriods('2026-01-01', '2026-12-31');
  const period = (from?: string, to?: string) => {
    const choice = choosePeriod(root, from, to);
    return 'period' in choice ? choice.period.id : choice.field;
  };

  it('takes the programme period, a half-year, a quarter or a month', () => {
    expect(period()).toBe('root');
    expect(period('2026-01-01', '2026-06-30')).toBe('2026-H1');
    expect(period('2026-04-01', '2026-06-30')).toBe('2026-Q2');
    expect(period('2026-02-01', '2026-02-28')).toBe('2026-02');
    // clipped to the programme: a window reaching past it is the programme period
    expect(period('2025-01-01', '2027-12-31')).toBe('root');
    expect(period(undefined, '2026-03-31')).toBe('2026-Q1');
  });

  it('refuses other windows, naming the field that is off the calendar', () => {
    // Feb..Jun: both are period bounds, but of no one period
    expect(period('2026-02-01', '2026-06-30')).toBe('to');
    expect(period('2026-01-15', '2026-01-31')).toBe('from');
    expect(period('2026-01-01', '2026-01-30')).toBe('to');
    expect(period('2026-01-01', '2026-05-31')).toBe('to');
    expect(period('2027-01-01', '2027-03-31')).toBe('from');
    expect(period('2025-01-01', '2025-03-31')).toBe('to');
  });
});
