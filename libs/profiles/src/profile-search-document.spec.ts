import { describe, expect, it } from '@jest/globals';
import {
  buildProfileDocument,
  languageLevelKeys,
  skillLevelKeys,
  toEpochDay,
  type ProfileIndexSource,
} from './profile-search-document.js';

const SKILL = '0b6f3c52-6a53-4bd4-9a4c-1f1a8f0b5a11';

const source = (over: Partial<ProfileIndexSource> = {}): ProfileIndexSource => ({
  id: 'p1',
  version: 4,
  displayName: 'Ђорђе Петровић',
  headline: 'Подршка корисницима',
  country: 'RS',
  city: 'Novi Sad',
  lat: 45.25,
  lng: 19.84,
  skills: [{ skillId: SKILL, level: 3, years: 2, verified: true, name: 'JavaScript' }],
  languages: [{ code: 'en', level: 'B2' }],
  workModes: ['remote'],
  engagementTypes: ['freelance'],
  hoursPerWeek: 20,
  availableFrom: '1970-01-11',
  hourlyRateEur: 12.5,
  openToWork: true,
  visibility: 'companies',
  lastActiveAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-02T00:00:00Z'),
  ...over,
});

describe('level keys', () => {
  it('list every level up to the held one', () => {
    expect(skillLevelKeys('s', 3)).toEqual(['s:1', 's:2', 's:3']);
    expect(languageLevelKeys('en', 'B2')).toEqual(['en:A1', 'en:A2', 'en:B1', 'en:B2']);
    expect(languageLevelKeys('de', 'A1')).toEqual(['de:A1']);
  });
});

describe('buildProfileDocument', () => {
  it('holds filter keys, folded names and coordinates', () => {
    const doc = buildProfileDocument(source());
    expect(doc).toMatchObject({
      id: 'p1',
      _version: 4,
      _geo: { lat: 45.25, lng: 19.84 },
      skillIds: [SKILL],
      skillNames: ['JavaScript'],
      skillLevels: [`${SKILL}:1`, `${SKILL}:2`, `${SKILL}:3`],
      verifiedSkillIds: [SKILL],
      hasVerifiedSkills: true,
      languageLevels: ['en:A1', 'en:A2', 'en:B1', 'en:B2'],
      matchSkills: [`${SKILL}:3:2`],
      matchLanguages: ['en:B2'],
      availableFrom: 10,
      lastActiveAt: Date.parse('2026-01-01T00:00:00Z'),
      updatedAt: Date.parse('2026-01-02T00:00:00Z'),
    });
    expect(doc.nameFolded).toContain('petrovic');
    expect(doc.nameFolded).toContain('djordje');
  });

  it('never carries contact or inclusion fields, and omits _geo without a city', () => {
    const doc = buildProfileDocument(source({ lat: null, lng: null, city: null }));
    expect(doc._geo).toBeUndefined();
    for (const key of Object.keys(doc)) {
      expect(key).not.toMatch(/email|sex|birth|group|inclusion|bio|portfolio/i);
    }
  });

  it('counts epoch days in UTC', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('2026-11-27')).toBe(Math.floor(Date.UTC(2026, 10, 27) / 86_400_000));
  });
});
