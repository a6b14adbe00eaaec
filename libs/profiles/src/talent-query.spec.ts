import { describe, expect, it } from '@jest/globals';
import { GeoCover, NO_GEO_CELL, geoCellKeys } from '@app/geonames';
import {
  decodeOffsetCursor,
  encodeOffsetCursor,
  InputValidationError,
  nextOffsetCursor,
} from '@app/http';
import { PROFILE_MAX_TOTAL_HITS } from './profile-search-document.js';
import { buildTalentFilter, parseTalentQuery } from './talent-query.js';

const SKILL = '0b6f3c52-6a53-4bd4-9a4c-1f1a8f0b5a11';
const OTHER = '7d1c2f0e-1111-4222-8333-944455556666';

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputValidationError) return error.errors.map((e) => e.field);
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('parseTalentQuery', () => {
  it('parses comma-separated values, levels and defaults', () => {
    const q = parseTalentQuery({
      q: ' Đorđe ',
      skills: `${SKILL}:3, ${OTHER}`,
      countries: 'xk,AL',
      languages: 'en:b2,de',
      near: '42.66,21.17,50',
      engagementTypes: 'freelance',
      workModes: 'remote,hybrid',
    });
    expect(q).toMatchObject({
      q: 'Đorđe',
      skills: [
        { skillId: SKILL, minLevel: 3 },
        { skillId: OTHER, minLevel: undefined },
      ],
      countries: ['XK', 'AL'],
      languages: [
        { code: 'en', minLevel: 'B2' },
        { code: 'de', minLevel: undefined },
      ],
      near: { lat: 42.66, lng: 21.17, km: 50 },
      sort: 'relevance',
      limit: 20,
      offset: 0,
      includeNotOpen: false,
    });
  });

  it('names every bad parameter at once', () => {
    expect(
      fieldsOf(() =>
        parseTalentQuery({
          skills: `not-a-uuid,${SKILL}:9`,
          countries: 'Serbia',
          languages: 'english,en:D1',
          near: '91,0,10',
          limit: '500',
          cursor: 'garbage',
          workModes: 'teleport',
        }),
      ),
    ).toEqual(
      expect.arrayContaining([
        'skills',
        'countries',
        'languages',
        'near',
        'limit',
        'cursor',
        'workModes',
      ]),
    );
  });

  it.each(['1,2', 'a,b,c', '0,0,0', '0,200,5', '0,0,5000', '1,2,3,4'])(
    'refuses near=%s',
    (near) => {
      expect(fieldsOf(() => parseTalentQuery({ near }))).toEqual(['near']);
    },
  );
});

describe('cursors', () => {
  it('round-trip and stop at the end or at maxTotalHits', () => {
    const bound = PROFILE_MAX_TOTAL_HITS;
    expect(decodeOffsetCursor(encodeOffsetCursor(40), bound)).toBe(40);
    expect(nextOffsetCursor(0, 20, 35, bound)).toBe(encodeOffsetCursor(20));
    expect(nextOffsetCursor(20, 20, 35, bound)).toBeNull();
    expect(nextOffsetCursor(bound - 20, 20, 5000, bound)).toBeNull();
    expect(decodeOffsetCursor(encodeOffsetCursor(bound), bound)).toBeUndefined();
    expect(decodeOffsetCursor('bm90IGpzb24', bound)).toBeUndefined();
  });
});

const COVER = new GeoCover([
  { lat: 42.5, lng: 21.1 },
  { lat: 43, lng: 21 },
]);

describe('buildTalentFilter', () => {
  it('scopes by visibility and open to work, and keys levels', () => {
    const q = parseTalentQuery({ skills: `${SKILL}:3`, languages: 'en:B2', countries: 'RS' });
    expect(buildTalentFilter(q, ['companies'], COVER)?.toString()).toBe(
      '(visibility IN ["companies"]) AND (openToWork = true) AND ' +
        `(skillLevels = "${SKILL}:3") AND (country IN ["RS"]) AND (languageLevels = "en:B2")`,
    );
  });

  it('lets a broker include people not open to work', () => {
    const q = parseTalentQuery({ includeNotOpen: 'true' });
    expect(buildTalentFilter(q, ['brokers', 'companies'], COVER)?.toString()).toBe(
      'visibility IN ["brokers", "companies"]',
    );
  });

  it('verified=true asks for the requested skills to be verified, or any verified skill', () => {
    expect(
      buildTalentFilter(parseTalentQuery({ verified: 'true' }), ['companies'], COVER)?.toString(),
    ).toContain('hasVerifiedSkills = true');
    expect(
      buildTalentFilter(
        parseTalentQuery({ verified: 'true', skills: SKILL }),
        ['companies'],
        COVER,
      )?.toString(),
    ).toContain(`verifiedSkillIds = "${SKILL}"`);
  });

  it('keeps people whose town lies within the radius, and nobody when no town does', () => {
    const q = parseTalentQuery({ near: '42.5,21,25' });
    const text = buildTalentFilter(q, ['companies'], COVER)?.toString() ?? '';
    const keys = new Set(
      (/geoCells IN \[([^\]]*)\]/.exec(text)?.[1] ?? '').split(', ').map((k) => JSON.parse(k)),
    );
    // 8 km away: in; 56 km away: out
    expect(geoCellKeys(42.5, 21.1).some((k) => keys.has(k))).toBe(true);
    expect(geoCellKeys(43, 21).some((k) => keys.has(k))).toBe(false);
    const nowhere = parseTalentQuery({ near: '10,10,25' });
    expect(buildTalentFilter(nowhere, ['companies'], COVER)?.toString()).toContain(
      `geoCells IN ["${NO_GEO_CELL}"]`,
    );
  });
});
