import { describe, expect, it } from '@jest/globals';
import type { OpportunityRecord } from './opportunity-record.js';
import { foldLongText, toOpportunityDocument } from './opportunities.search-index.js';

const SKILL_A = '11111111-1111-4111-8111-111111111111';
const SKILL_B = '22222222-2222-4222-8222-222222222222';

function record(over: Partial<OpportunityRecord> = {}): OpportunityRecord {
  return {
    id: '33333333-3333-4333-8333-333333333333',
    kind: 'work_request',
    organisationId: '44444444-4444-4444-8444-444444444444',
    status: 'open',
    title: 'Podrška korisnicima — Ђорђе',
    description: 'Answer chats in English',
    engagementType: 'part_time',
    workMode: 'hybrid',
    countries: ['RS'],
    city: 'Novi Sad',
    cityId: 3194360,
    cityLocalName: 'Нови Сад',
    lat: 45.25,
    lng: 19.84,
    radiusKm: 25,
    hoursPerWeek: 20,
    durationWeeks: null,
    budgetType: 'hourly',
    budgetMinEur: 8,
    budgetMaxEur: null,
    openings: 1,
    deadline: new Date('2027-01-01T00:00:00Z'),
    programmeId: null,
    source: null,
    sourceUrl: null,
    clientCountry: null,
    riskLevel: 'low',
    riskReasons: [],
    version: 4,
    createdBy: null,
    closedAt: null,
    publishedAt: new Date('2026-12-01T00:00:00Z'),
    updatedAt: new Date('2026-12-02T00:00:00Z'),
    createdAt: new Date('2026-11-30T10:00:00.123Z'),
    skills: [
      { skillId: SKILL_A, minLevel: 3, mustHave: true },
      { skillId: SKILL_B, minLevel: 1, mustHave: false },
    ],
    languages: [{ code: 'en', minLevel: 'B2' }],
    ...over,
  };
}

describe('toOpportunityDocument', () => {
  it('splits skills by mustHave, encodes levels, epoch seconds and _geo', () => {
    const doc = toOpportunityDocument(record());
    expect(doc).toMatchObject({
      _version: 4,
      skillIds: [SKILL_A, SKILL_B],
      mustHaveSkills: [SKILL_A],
      niceToHaveSkills: [SKILL_B],
      skillMinLevels: [`${SKILL_A}:3`, `${SKILL_B}:1`],
      languageCodes: ['en'],
      languageMinLevels: ['en:B2'],
      _geo: { lat: 45.25, lng: 19.84 },
      deadline: 1798761600,
      budgetMaxEur: null,
      updatedAt: Date.parse('2026-12-02T00:00:00Z'),
    });
    expect(doc.titleFolded).toContain('djordje');
    expect(doc.createdAt).toBe(Date.parse('2026-11-30T10:00:00.123Z'));
  });

  it('makes the town searchable in both scripts', () => {
    expect(toOpportunityDocument(record()).placeFolded).toBe('novi sad');
    expect(
      toOpportunityDocument(record({ city: 'Belgrade', cityLocalName: 'Београд' })).placeFolded,
    ).toBe('belgrade beograd');
    expect(
      toOpportunityDocument(record({ city: null, cityLocalName: null, lat: null, lng: null }))
        .placeFolded,
    ).toBe('');
  });

  it('has no _geo without a town', () => {
    expect(
      toOpportunityDocument(record({ city: null, lat: null, lng: null, radiusKm: null })),
    ).not.toHaveProperty('_geo');
  });
});

describe('foldLongText', () => {
  it('folds only text that needs it', () => {
    expect(foldLongText('Plain ASCII text')).toBe('Plain ASCII text');
    expect(foldLongText('Đorđe piše')).toContain('djordje');
  });
});
