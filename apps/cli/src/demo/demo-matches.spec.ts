import { describe, expect, it } from '@jest/globals';
import {
  DEMO_MATCH_MOVES,
  planDemoMatches,
  remainingMoves,
  type DemoOpportunity,
  type DemoPerson,
} from './demo-matches.js';

const VISIBILITIES = ['private', 'brokers', 'companies'];

const people: DemoPerson[] = Array.from({ length: 40 }, (_, i) => ({
  profileId: `p${i}`,
  email: `trainee-${i}@demo.talentbridge.example`,
  visibility: VISIBILITIES[i % 3],
  trained: i % 4 === 0,
  hourlyRateEur: i % 5 === 0 ? null : 9 + i / 4,
}));

const opportunities: DemoOpportunity[] = [
  ...Array.from({ length: 6 }, (_, i) => ({
    id: `wr${i}`,
    kind: 'work_request' as const,
    owner: `company${i % 3}`,
    openings: 1 + (i % 3),
    programmeLinked: i % 3 === 0,
  })),
  ...Array.from({ length: 4 }, (_, i) => ({
    id: `l${i}`,
    kind: 'listing' as const,
    owner: ['bridge', 'kyen'][i % 2],
    openings: 1 + (i % 2),
    programmeLinked: false,
  })),
];
const BROKERS = ['bridge', 'kyen', 'dal'];
const plans = planDemoMatches(opportunities, people, BROKERS, 7);
const onOpportunity = (id: string) => plans.filter((p) => p.opportunity.id === id);

describe('planDemoMatches', () => {
  it('reaches every state, and a trainee withdrawing after accepting', () => {
    expect(new Set(plans.map((p) => p.outcome))).toEqual(
      new Set(Object.keys(DEMO_MATCH_MOVES) as (keyof typeof DEMO_MATCH_MOVES)[]),
    );
  });

  it('gives the same plan for the same input', () => {
    expect(planDemoMatches(opportunities, people, BROKERS, 7)).toEqual(plans);
  });

  it('matches a person to an opportunity at most once, and only a person its parties may see', () => {
    for (const o of opportunities) {
      const ids = onOpportunity(o.id).map((p) => p.person.profileId);
      expect(new Set(ids).size).toBe(ids.length);
    }
    for (const p of plans) {
      expect(
        p.opportunity.kind === 'work_request' ? ['companies'] : ['brokers', 'companies'],
      ).toContain(p.person.visibility);
    }
  });

  it('never holds more accepted, hired and completed matches than openings', () => {
    for (const o of opportunities) {
      const holding = onOpportunity(o.id).filter((p) =>
        ['accepted', 'hired', 'completed'].includes(p.outcome),
      );
      expect(holding.length).toBeLessThanOrEqual(o.openings);
      expect(holding.length).toBeGreaterThan(0);
    }
  });

  it('leaves every listing an accepted match its broker can hire', () => {
    for (const o of opportunities.filter((x) => x.kind === 'listing')) {
      expect(onOpportunity(o.id).map((p) => p.outcome)).toContain('accepted');
      for (const p of onOpportunity(o.id)) expect(p.creator).toBe(o.owner);
    }
  });

  it('completes engagements under programmes, hiring trained people, with income for the hours', () => {
    for (const o of opportunities.filter((x) => x.programmeLinked)) {
      const completed = onOpportunity(o.id).filter((p) => p.outcome === 'completed');
      expect(completed).toHaveLength(1);
      expect(completed[0].person.trained).toBe(true);
    }
    for (const p of plans.filter((x) => x.outcome === 'completed')) {
      const { hoursWorked, incomeEur } = p.completion;
      expect(incomeEur).toBeCloseTo(hoursWorked * p.hire.agreedRateEur, 2);
      expect(p.completion.rating).toBeGreaterThanOrEqual(1);
      expect(p.employerRating.rating).toBeLessThanOrEqual(5);
    }
  });

  it('has work requests matched by their company and by brokers in turn', () => {
    const creators = plans
      .filter((p) => p.opportunity.kind === 'work_request')
      .map((p) => (BROKERS.includes(p.creator) ? 'broker' : 'company'));
    expect(new Set(creators)).toEqual(new Set(['broker', 'company']));
  });

  it('plans fewer matches rather than repeating a person when too few are visible', () => {
    const few = planDemoMatches(opportunities, people.slice(0, 3), BROKERS, 7);
    for (const o of opportunities) {
      const ids = few.filter((p) => p.opportunity.id === o.id).map((p) => p.person.profileId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBeLessThanOrEqual(o.kind === 'work_request' ? 1 : 2);
    }
  });
});

describe('remainingMoves', () => {
  it('makes every move of the path for a new match', () => {
    expect(remainingMoves('completed', 'shortlisted').map((m) => m.to)).toEqual([
      'invited',
      'accepted',
      'hired',
      'completed',
    ]);
  });

  it('goes on from where a match stopped on its way', () => {
    expect(remainingMoves('withdrawn', 'accepted')).toEqual([{ to: 'cancelled', by: 'trainee' }]);
    expect(remainingMoves('hired', 'hired')).toEqual([]);
  });

  it('leaves alone a match that someone moved off its path', () => {
    expect(remainingMoves('accepted', 'hired')).toEqual([]);
    expect(remainingMoves('declined', 'cancelled')).toEqual([]);
  });

  it("matches people of the opportunity's occupation and agrees on the hours it asks for", () => {
    const staffed = people.map((p, i) => ({
      ...p,
      occupation: i % 2 === 0 ? 'web developer' : 'data entry clerk',
    }));
    const wanted: DemoOpportunity = {
      id: 'wr-occ',
      kind: 'work_request',
      owner: 'company0',
      openings: 4,
      programmeLinked: true,
      occupation: 'data entry clerk',
      hoursPerWeek: 38,
    };
    const occupied = planDemoMatches([wanted], staffed, BROKERS, 7);
    expect(occupied.length).toBe(5);
    for (const plan of occupied) {
      expect(plan.person.occupation).toBe('data entry clerk');
      expect(plan.hire.agreedHoursPerWeek).toBe(38);
    }
    // too few visible people of the occupation: anyone visible
    const rare = planDemoMatches([{ ...wanted, occupation: 'bookkeeper' }], staffed, BROKERS, 7);
    expect(rare.length).toBe(5);
  });
});
