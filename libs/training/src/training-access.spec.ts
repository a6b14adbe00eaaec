import { describe, expect, it } from '@jest/globals';
import type { AuthUser } from '@app/identity';
import { actsForProvider, assertActsForProvider, providerScopeOf } from './training-access.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const user = (role: AuthUser['role'], organisationId: string | null): AuthUser => ({
  id: '00000000-0000-4000-8000-000000000001',
  email: 'x@example.org',
  role,
  organisationId,
});

describe('training access', () => {
  it('lets a trainer act for their own provider only', () => {
    expect(actsForProvider(user('trainer', A), A)).toBe(true);
    expect(actsForProvider(user('trainer', A), B)).toBe(false);
    expect(() => assertActsForProvider(user('trainer', A), B)).toThrow(/training provider/);
  });

  it('refuses other roles even inside the organisation id', () => {
    expect(actsForProvider(user('broker', A), A)).toBe(false);
    expect(actsForProvider(user('company', A), A)).toBe(false);
    expect(actsForProvider(user('trainee', null), A)).toBe(false);
  });

  it('lets an admin through only where allowed', () => {
    expect(actsForProvider(user('admin', null), A)).toBe(false);
    expect(actsForProvider(user('admin', null), A, { allowAdmin: true })).toBe(true);
  });

  it('scopes lists of trainers to their provider', () => {
    expect(providerScopeOf(user('trainer', A))).toBe(A);
    expect(providerScopeOf(user('broker', B))).toBeUndefined();
    expect(providerScopeOf(user('admin', null))).toBeUndefined();
  });
});
