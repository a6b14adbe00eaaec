import { describe, expect, it } from '@jest/globals';
import { unpackLanguages, unpackSkills } from './profiles.repository.js';

const P = '00000000-0000-4000-8000-000000000001';
const JS = '00000000-0000-4000-8000-00000000000a';
const SQL = '00000000-0000-4000-8000-00000000000b';

describe('packed profile details', () => {
  it('unpacks skills with empty fields as null and the verified flag as a boolean', () => {
    expect(unpackSkills(P, `${JS}:4:3:4:2:1,${SQL}:2:2:::0`)).toEqual([
      {
        profileId: P,
        skillId: JS,
        level: 4,
        declaredLevel: 3,
        certifiedLevel: 4,
        years: 2,
        verified: true,
      },
      {
        profileId: P,
        skillId: SQL,
        level: 2,
        declaredLevel: 2,
        certifiedLevel: null,
        years: null,
        verified: false,
      },
    ]);
  });

  it('keeps a zero as zero, not as missing', () => {
    expect(unpackSkills(P, `${JS}:1::1:0:1`)[0]).toMatchObject({
      declaredLevel: null,
      certifiedLevel: 1,
      years: 0,
    });
  });

  it('unpacks languages, and no rows as an empty list', () => {
    expect(unpackLanguages(P, 'de:A2,en:C1')).toEqual([
      { profileId: P, code: 'de', level: 'A2' },
      { profileId: P, code: 'en', level: 'C1' },
    ]);
    expect(unpackSkills(P, null)).toEqual([]);
    expect(unpackLanguages(P, null)).toEqual([]);
  });
});
