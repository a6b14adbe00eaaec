import { describe, expect, it } from '@jest/globals';
import { isUniqueViolation } from './unique-violation.js';

describe('isUniqueViolation', () => {
  const typeormError = { driverError: { code: '23505', constraint: 'matches_live_pair_key' } };
  const pgError = { code: '23505', constraint: 'matches_live_pair_key' };

  it('recognises the refusal on TypeORM and pg errors', () => {
    expect(isUniqueViolation(typeormError)).toBe(true);
    expect(isUniqueViolation(pgError)).toBe(true);
    expect(isUniqueViolation(typeormError, 'matches_live_pair_key')).toBe(true);
  });

  it('tells one constraint from another', () => {
    expect(isUniqueViolation(typeormError, 'opportunities_organisation_source_url_key')).toBe(
      false,
    );
  });

  it('ignores other errors', () => {
    expect(isUniqueViolation({ driverError: { code: '23503' } })).toBe(false);
    expect(isUniqueViolation(new Error('boom'))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
    expect(isUniqueViolation('23505')).toBe(false);
  });
});
