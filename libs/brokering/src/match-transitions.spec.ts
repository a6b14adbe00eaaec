import { describe, expect, it } from '@jest/globals';
import {
  allowedMoves,
  checkMove,
  FINAL_STATES,
  MATCH_ACTORS,
  MATCH_STATES,
  nextStates,
  transitionFieldProblems,
  type MatchActor,
  type MatchOpportunityKind,
  type MatchState,
} from './match-transitions.js';

/** The workflow written out move by move: `from>to` → who may make it, per kind. */
const EXPECTED: Record<string, Record<MatchOpportunityKind, MatchActor[]>> = {
  'applied>shortlisted': {
    work_request: ['company', 'broker', 'admin'],
    listing: ['company', 'broker', 'admin'],
  },
  'applied>invited': {
    work_request: ['company', 'broker', 'admin'],
    listing: ['company', 'broker', 'admin'],
  },
  'applied>rejected': {
    work_request: ['company', 'broker', 'admin'],
    listing: ['company', 'broker', 'admin'],
  },
  'applied>withdrawn': { work_request: ['trainee'], listing: ['trainee'] },
  'shortlisted>invited': {
    work_request: ['company', 'broker', 'admin'],
    listing: ['company', 'broker', 'admin'],
  },
  'shortlisted>cancelled': {
    work_request: ['company', 'broker', 'admin'],
    listing: ['company', 'broker', 'admin'],
  },
  'invited>accepted': { work_request: ['trainee'], listing: ['trainee'] },
  'invited>declined': { work_request: ['trainee'], listing: ['trainee'] },
  'invited>cancelled': {
    work_request: ['company', 'broker', 'admin'],
    listing: ['company', 'broker', 'admin'],
  },
  'accepted>hired': { work_request: ['company', 'admin'], listing: ['broker', 'admin'] },
  'accepted>cancelled': {
    work_request: ['trainee', 'company', 'broker', 'admin'],
    listing: ['trainee', 'company', 'broker', 'admin'],
  },
  'hired>completed': { work_request: ['company', 'admin'], listing: ['broker', 'admin'] },
  'hired>cancelled': {
    work_request: ['company', 'broker', 'admin'],
    listing: ['company', 'broker', 'admin'],
  },
};

const KINDS: MatchOpportunityKind[] = ['work_request', 'listing'];

describe('match transitions', () => {
  const cases = MATCH_STATES.flatMap((from) =>
    MATCH_STATES.flatMap((to) =>
      MATCH_ACTORS.flatMap((actor) => KINDS.map((kind) => [from, to, actor, kind] as const)),
    ),
  );

  it.each(cases)('%s → %s by %s on a %s', (from, to, actor, kind) => {
    const movers = EXPECTED[`${from}>${to}`]?.[kind];
    const verdict = checkMove(from, to, actor, kind);
    if (movers?.includes(actor) === true) {
      expect(verdict).toEqual({ ok: true });
      return;
    }
    expect(verdict).toEqual({
      ok: false,
      reason: movers === undefined ? 'illegal' : 'not_yours',
      allowedMoves: allowedMoves(from, actor, kind),
    });
  });

  it('lists, per state and actor, exactly the moves of the table', () => {
    for (const from of MATCH_STATES) {
      for (const actor of MATCH_ACTORS) {
        for (const kind of KINDS) {
          const expected = MATCH_STATES.filter((to) =>
            EXPECTED[`${from}>${to}`]?.[kind].includes(actor),
          );
          expect(allowedMoves(from, actor, kind)).toEqual(expected);
        }
      }
    }
  });

  it('ends in the final states: nothing follows them', () => {
    for (const state of FINAL_STATES) expect(nextStates(state)).toEqual([]);
    const live = MATCH_STATES.filter((s) => !FINAL_STATES.includes(s));
    // an application is rejected or withdrawn; a match the parties made is cancelled
    for (const state of live) {
      expect(nextStates(state)).toContain(state === 'applied' ? 'rejected' : 'cancelled');
    }
    expect(nextStates('applied')).toContain('withdrawn');
  });
});

describe('transition data', () => {
  const noProblems = (to: MatchState, fields: Parameters<typeof transitionFieldProblems>[1]) =>
    expect(transitionFieldProblems(to, fields)).toEqual([]);

  it('hiring needs an agreed rate and may take agreed hours', () => {
    noProblems('hired', { agreedRateEur: 15, agreedHoursPerWeek: 20, note: 'starts Monday' });
    noProblems('hired', { agreedRateEur: 0 });
    expect(transitionFieldProblems('hired', { agreedHoursPerWeek: 20 })).toEqual([
      { field: 'agreedRateEur', message: 'agreedRateEur is required to move a match to hired' },
    ]);
  });

  it('completing needs hours worked and income; the rating is optional', () => {
    noProblems('completed', { hoursWorked: 120, incomeEur: 1800, rating: 5, ratingComment: 'ok' });
    noProblems('completed', { hoursWorked: 0, incomeEur: 0 });
    expect(transitionFieldProblems('completed', {}).map((p) => p.field)).toEqual([
      'hoursWorked',
      'incomeEur',
    ]);
    expect(
      transitionFieldProblems('completed', { hoursWorked: 1, incomeEur: 1, ratingComment: 'x' }),
    ).toEqual([{ field: 'rating', message: 'rating is required with a ratingComment' }]);
  });

  it('refuses data a move does not take, naming each field', () => {
    expect(
      transitionFieldProblems('invited', { agreedRateEur: 10, rating: 4 }).map((p) => p.field),
    ).toEqual(['agreedRateEur', 'rating']);
    expect(
      transitionFieldProblems('hired', { agreedRateEur: 10, incomeEur: 5 }).map((p) => p.field),
    ).toEqual(['incomeEur']);
    noProblems('declined', { note: 'not available' });
  });
});
