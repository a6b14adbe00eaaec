import { isUuid } from './uuid.js';

describe('isUuid', () => {
  it('takes the 8-4-4-4-12 hex shape in either letter case', () => {
    expect(isUuid('3f2b8c1e-9d4a-4f6b-8e2c-1a2b3c4d5e6f')).toBe(true);
    expect(isUuid('3F2B8C1E-9D4A-4F6B-8E2C-1A2B3C4D5E6F')).toBe(true);
    expect(isUuid('00000000-0000-0000-0000-000000000000')).toBe(true);
  });

  it('refuses anything else, including non-strings', () => {
    for (const bad of [
      '',
      'abc',
      '3f2b8c1e9d4a4f6b8e2c1a2b3c4d5e6f',
      '3f2b8c1e-9d4a-4f6b-8e2c-1a2b3c4d5e6',
      ' 3f2b8c1e-9d4a-4f6b-8e2c-1a2b3c4d5e6f',
      '3f2b8c1e-9d4a-4f6b-8e2c-1a2b3c4d5e6g',
    ]) {
      expect(isUuid(bad)).toBe(false);
    }
    expect(isUuid(undefined)).toBe(false);
    expect(isUuid(42)).toBe(false);
  });
});
