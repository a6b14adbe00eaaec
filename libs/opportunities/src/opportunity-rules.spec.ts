import { describe, expect, it } from '@jest/globals';
import type { OpportunityValues } from './opportunity-values.js';
import {
  applyPatch,
  checkConsistency,
  publishProblems,
  valuesFromInput,
} from './opportunity-rules.js';

const SKILL_A = '11111111-1111-4111-8111-111111111111';
const SKILL_B = '22222222-2222-4222-8222-222222222222';
const NOW = new Date('2027-01-01T00:00:00Z');

const base = (over: Partial<OpportunityValues> = {}): OpportunityValues => ({
  ...valuesFromInput({
    title: 'Support agent',
    description: 'Answer chats',
    skills: [{ skillId: SKILL_A, minLevel: 2, mustHave: true }],
    engagementType: 'part_time',
    workMode: 'remote',
    deadline: '2027-02-01T00:00:00Z',
  }),
  ...over,
});

describe('valuesFromInput', () => {
  it('fills defaults and normalises optional parts', () => {
    const v = base();
    expect(v).toMatchObject({
      languages: [],
      countries: [],
      city: null,
      budget: null,
      openings: 1,
      programmeId: null,
    });
    expect(v.deadline?.toISOString()).toBe('2027-02-01T00:00:00.000Z');
  });
});

describe('checkConsistency', () => {
  it.each([
    [
      'a duplicate skill',
      {
        skills: [
          { skillId: SKILL_A, minLevel: 1, mustHave: true },
          { skillId: SKILL_A, minLevel: 2, mustHave: false },
        ],
      },
      'skills[1].skillId',
    ],
    [
      'a duplicate language',
      {
        languages: [
          { code: 'en', minLevel: 'B1' as const },
          { code: 'en', minLevel: 'C1' as const },
        ],
      },
      'languages[1].code',
    ],
    ['a city without a country', { city: 'Tirana', countries: [] }, 'city'],
    ['a city with two countries', { city: 'Tirana', countries: ['AL', 'XK'] }, 'city'],
    ['a radius without a city', { radiusKm: 20 }, 'radiusKm'],
    [
      'a budget range upside down',
      { budget: { type: 'hourly' as const, minEur: 20, maxEur: 10 } },
      'budget.maxEur',
    ],
  ])('names the field for %s', (_name, over, field) => {
    expect(checkConsistency(base(over)).map((e) => e.field)).toEqual([field]);
  });

  it('accepts a consistent request', () => {
    expect(
      checkConsistency(
        base({
          city: 'Tirana',
          countries: ['AL'],
          radiusKm: 30,
          skills: [
            { skillId: SKILL_A, minLevel: 1, mustHave: true },
            { skillId: SKILL_B, minLevel: 3, mustHave: false },
          ],
          budget: { type: 'fixed', minEur: 100, maxEur: 100 },
        }),
      ),
    ).toEqual([]);
  });
});

describe('publishProblems', () => {
  it('needs a skill and a future deadline', () => {
    expect(publishProblems(base({ skills: [], deadline: null }), NOW).map((p) => p.field)).toEqual([
      'skills',
      'deadline',
    ]);
    expect(publishProblems(base({ deadline: new Date('2026-12-31T00:00:00Z') }), NOW)).toEqual([
      { field: 'deadline', message: 'must be in the future' },
    ]);
    expect(publishProblems(base(), NOW)).toEqual([]);
  });
});

describe('applyPatch', () => {
  it('keeps absent fields, clears nullable ones given null', () => {
    const current = base({ hoursPerWeek: 20, city: 'Tirana', countries: ['AL'] });
    const { values, errors } = applyPatch(current, {
      title: 'New title',
      city: null,
      hoursPerWeek: undefined,
    });
    expect(errors).toEqual([]);
    expect(values).toMatchObject({
      title: 'New title',
      city: null,
      hoursPerWeek: 20,
      countries: ['AL'],
    });
    expect(values.skills).toEqual(current.skills);
    expect(values.deadline?.getTime()).toBe(current.deadline?.getTime());
  });

  it('refuses to clear required fields', () => {
    const { errors } = applyPatch(base(), { title: null, skills: null, workMode: null });
    expect(errors.map((e) => e.field).sort()).toEqual(['skills', 'title', 'workMode']);
  });
});
