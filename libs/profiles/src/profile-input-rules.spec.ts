import { describe, expect, it } from '@jest/globals';
import { parseIfMatch } from './if-match.js';
import { checkProfileUpdate, unknownSkillErrors } from './profile-input-rules.js';
import { ProfileVersionRequiredError } from './profiles.errors.js';

const A = '0b6f3c52-6a53-4bd4-9a4c-1f1a8f0b5a11';
const B = '7d1c2f0e-1111-4222-8333-944455556666';

describe('checkProfileUpdate', () => {
  it('names the repeated entry and the one it repeats', () => {
    expect(
      checkProfileUpdate({
        skills: [
          { skillId: A, level: 1 },
          { skillId: B, level: 2 },
          { skillId: A.toUpperCase(), level: 3 },
        ],
        languages: [
          { code: 'en', level: 'B2' },
          { code: 'en', level: 'C1' },
        ],
      }),
    ).toEqual([
      { field: 'skills[2].skillId', message: 'duplicates skills[0]' },
      { field: 'languages[1].code', message: 'duplicates languages[0]' },
    ]);
  });

  it('wants a country with a city', () => {
    expect(checkProfileUpdate({ city: 'Tirana' })).toEqual([
      { field: 'country', message: 'is required when city is given' },
    ]);
  });
});

describe('unknownSkillErrors', () => {
  it('names each unknown id by its index', () => {
    expect(unknownSkillErrors([{ skillId: A }, { skillId: B }], new Set([A]))).toEqual([
      { field: 'skills[1].skillId', message: 'is not a known skill' },
    ]);
  });
});

describe('parseIfMatch', () => {
  it('reads a quoted version', () => {
    expect(parseIfMatch('"7"')).toBe(7);
    expect(parseIfMatch(' 12 ')).toBe(12);
  });

  it('is 428 when missing and 400 when unreadable', () => {
    expect(() => parseIfMatch(undefined)).toThrow(ProfileVersionRequiredError);
    expect(() => parseIfMatch('*')).toThrow(/If-Match/);
    expect(() => parseIfMatch('"1", "2"')).toThrow(/If-Match/);
    expect(() => parseIfMatch('W/"3"')).toThrow(/If-Match/);
  });
});
