import { describe, expect, it } from '@jest/globals';
import { checkPassword } from './password-policy.js';

describe('password policy', () => {
  it('accepts a long password mixing two kinds of characters', () => {
    expect(checkPassword('correct horse battery', { email: 'ana@example.org' })).toEqual([]);
    expect(checkPassword('Tirana2026!x')).toEqual([]);
    expect(checkPassword('ђорђе-лозинка')).toEqual([]);
  });

  it('refuses fewer than 10 characters', () => {
    expect(checkPassword('Ab1!Ab1!a')).toEqual(['must be at least 10 characters long']);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(checkPassword('😀😀😀😀😀a')).toContain('must be at least 10 characters long');
  });

  it('refuses more than 200 characters', () => {
    expect(checkPassword(`a1${'x'.repeat(199)}`)).toEqual(['must be at most 200 characters long']);
  });

  it.each(['abcdefghijkl', 'ABCDEFGHIJKL', '123456789012', '!!!!!!!!!!!!', 'ćčžšđćčžšđć'])(
    'refuses a single kind of character: %s',
    (password) => {
      expect(checkPassword(password)).toEqual([
        'must mix at least two kinds of characters (lower-case, upper-case, digits, others)',
      ]);
    },
  );

  it('refuses the e-mail address or its local part, in any letter case', () => {
    expect(
      checkPassword('Ana.Petrovic1@example.org', { email: 'ana.petrovic1@example.org' }),
    ).toEqual(['must not be your e-mail address']);
    expect(checkPassword('Ana.Petrovic1', { email: 'ana.petrovic1@example.org' })).toEqual([
      'must not be your e-mail address',
    ]);
  });

  it('refuses the most common passwords, in any letter case', () => {
    expect(checkPassword('Password123')).toEqual(['is one of the most common passwords']);
    expect(checkPassword('QWERTYUIOP')).toContain('is one of the most common passwords');
  });

  it('reports every problem at once', () => {
    expect(checkPassword('aaaa')).toHaveLength(2);
  });
});
