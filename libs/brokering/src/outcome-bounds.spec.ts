import { describe, expect, it } from '@jest/globals';
import { engagementWeeks, OUTCOME_BOUNDS, outcomeProblems } from './outcome-bounds.js';

const NOW = new Date('2026-12-02T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('engagementWeeks', () => {
  it('counts whole weeks since the hire, at least one', () => {
    expect(engagementWeeks({ hiredAt: NOW, durationWeeks: null, now: NOW })).toBe(1);
    expect(engagementWeeks({ hiredAt: daysAgo(7), durationWeeks: null, now: NOW })).toBe(1);
    expect(engagementWeeks({ hiredAt: daysAgo(7.5), durationWeeks: null, now: NOW })).toBe(2);
    expect(engagementWeeks({ hiredAt: daysAgo(20), durationWeeks: null, now: NOW })).toBe(3);
  });

  it('takes the planned duration when it is longer, and nothing when neither is known', () => {
    expect(engagementWeeks({ hiredAt: daysAgo(1), durationWeeks: 26, now: NOW })).toBe(26);
    expect(engagementWeeks({ hiredAt: daysAgo(60), durationWeeks: 4, now: NOW })).toBe(9);
    expect(engagementWeeks({ hiredAt: null, durationWeeks: 4, now: NOW })).toBe(4);
    expect(engagementWeeks({ hiredAt: null, durationWeeks: null, now: NOW })).toBeUndefined();
  });
});

describe('outcomeProblems', () => {
  const oneWeek = { hiredAt: daysAgo(2), durationWeeks: null, now: NOW };

  it('accepts plausible outcomes up to the bounds', () => {
    expect(outcomeProblems({ hoursWorked: 160, incomeEur: 2000 }, oneWeek)).toEqual([]);
    expect(outcomeProblems({ hoursWorked: 168, incomeEur: 168 * 500 }, oneWeek)).toEqual([]);
    expect(outcomeProblems({ hoursWorked: 0, incomeEur: 0 }, oneWeek)).toEqual([]);
    expect(outcomeProblems({}, oneWeek)).toEqual([]);
  });

  it('bounds hours by 168 per week of the engagement, naming hoursWorked', () => {
    expect(fields(outcomeProblems({ hoursWorked: 168.01, incomeEur: 10 }, oneWeek))).toEqual([
      'hoursWorked',
    ]);
    const long = { hiredAt: daysAgo(20), durationWeeks: 2, now: NOW };
    expect(outcomeProblems({ hoursWorked: 504, incomeEur: 10 }, long)).toEqual([]);
    expect(fields(outcomeProblems({ hoursWorked: 504.5, incomeEur: 10 }, long))).toEqual([
      'hoursWorked',
    ]);
  });

  it('falls back to the absolute cap when the weeks are not known', () => {
    const unknown = { hiredAt: null, durationWeeks: null, now: NOW };
    expect(outcomeProblems({ hoursWorked: OUTCOME_BOUNDS.hoursWorkedMax }, unknown)).toEqual([]);
    expect(
      fields(outcomeProblems({ hoursWorked: OUTCOME_BOUNDS.hoursWorkedMax + 1 }, unknown)),
    ).toEqual(['hoursWorked']);
    // even a very long engagement never passes the absolute cap
    const decade = { hiredAt: daysAgo(3650), durationWeeks: null, now: NOW };
    expect(
      fields(outcomeProblems({ hoursWorked: OUTCOME_BOUNDS.hoursWorkedMax + 1 }, decade)),
    ).toEqual(['hoursWorked']);
  });

  it('bounds income by the hourly ceiling times the hours worked, naming incomeEur', () => {
    expect(fields(outcomeProblems({ hoursWorked: 10, incomeEur: 5000.01 }, oneWeek))).toEqual([
      'incomeEur',
    ]);
    expect(fields(outcomeProblems({ hoursWorked: 0, incomeEur: 0.01 }, oneWeek))).toEqual([
      'incomeEur',
    ]);
    expect(outcomeProblems({ hoursWorked: 0.5, incomeEur: 250 }, oneWeek)).toEqual([]);
  });

  it('names both fields when both are wrong', () => {
    expect(
      fields(outcomeProblems({ hoursWorked: 169, incomeEur: 169 * 500 + 1 }, oneWeek)),
    ).toEqual(['hoursWorked', 'incomeEur']);
  });
});
