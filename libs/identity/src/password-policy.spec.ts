import { describe, expect, it } from '@jest/globals';
import { checkPassword } from './password-policy.js';

describe('password policy', () => {
  it('accepts a long password mixing two kinds of characters', () => {
    expect(checkPassword('correct horse battery', { email: 'ana@example.org' })).toEqual([]);
    expect(checkPassword('Tirana2026!x')).toEqual([]);
    expect(checkPassword('ђорђе-лозинка')).toEqual([]);
  });

  it('refuses fewer than 10 characters', () => {
    expect(checkPassword('Ab1!Ab1!a')).toContain('must be at least 10 characters long');
    expect(checkPassword('Ab1!Cd2?e')).toEqual(['must be at least 10 characters long']);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(checkPassword('😀😀😀😀😀a')).toContain('must be at least 10 characters long');
  });

  it('refuses more than 200 characters', () => {
    expect(checkPassword(`a1${'x'.repeat(199)}`)).toContain('must be at most 200 characters long');
    expect(checkPassword(`abcd1${'x'.repeat(196)}`)).toEqual([
      'must be at most 200 characters long',
    ]);
  });

  it.each(['abcdefghijkl', 'ABCDEFGHIJKL', '123456789012', '!!!!!!!!!!!!', 'ćčžšđćčžšđć'])(
    'refuses a single kind of character: %s',
    (password) => {
      // '!!!!!!!!!!!!' also has too few different characters, '123456789012' is also common
      expect(checkPassword(password)).toContain(
        'must mix at least two kinds of characters (lower-case, upper-case, digits, others)',
      );
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
    expect(checkPassword('aaaa')).toEqual([
      'must be at least 10 characters long',
      'must mix at least two kinds of characters (lower-case, upper-case, digits, others)',
      'must use at least 5 different characters',
    ]);
  });

  describe('length after normalisation', () => {
    it('does not count invisible and format characters', () => {
      const padded = `Ab1${'\u200B'.repeat(10)}`; // zero-width spaces
      expect(checkPassword(padded)).toContain('must be at least 10 characters long');
      const mixed = 'Ab1\u200D\u00AD\u2060\uFEFF\u200E\u{E0041}\uFE0F\u3164x'; // ZWJ, soft hyphen, …
      expect(checkPassword(mixed)).toContain('must be at least 10 characters long');
    });

    it('measures the NFKC form: a letter and its combining accent count once', () => {
      // 10 code points as typed, 7 characters once each "e" + U+0301 is composed into "é"
      const decomposed = 'Ab1-e\u0301e\u0301e\u0301';
      expect([...decomposed]).toHaveLength(10);
      expect(checkPassword(decomposed)).toContain('must be at least 10 characters long');
    });

    it('accepts a long enough password that merely contains a joiner', () => {
      expect(checkPassword('Tirana\u200D2026!x')).toEqual([]);
    });
  });

  describe('variety', () => {
    it.each(['aaaaaaaaaA', 'aAaAaAaAaAaA', 'ababababab12', '1q1q1q1q1q1q', '!!!!!!!!!!!!a'])(
      'refuses fewer than 5 different characters (any letter case): %s',
      (password) => {
        expect(checkPassword(password)).toContain('must use at least 5 different characters');
      },
    );

    it('accepts 5 different characters', () => {
      expect(checkPassword('abcdeabcdeA')).not.toContain(
        'must use at least 5 different characters',
      );
    });
  });

  describe('common passwords', () => {
    it('refuses entries of the shipped list of 10,000, not only the short built-in one', () => {
      expect(checkPassword('Manchester')).toContain('is one of the most common passwords');
      expect(checkPassword('Basketball')).toContain('is one of the most common passwords');
      expect(checkPassword('1q2w3e4r5t')).toContain('is one of the most common passwords');
    });

    it('refuses a common password with digits or symbols added at either end', () => {
      for (const password of ['Monkey2026!!', 'dragon-1987', '!!sunshine99', 'Starwars_12345']) {
        expect(checkPassword(password)).toContain(
          'is a common password with a few characters added or changed',
        );
      }
    });

    it('sees through letter-for-digit substitutions and full-width forms', () => {
      expect(checkPassword('P@ssw0rd2026')).toContain(
        'is a common password with a few characters added or changed',
      );
      // full-width letters: NFKC turns them into "password123"
      expect(checkPassword('Ｐａｓｓｗｏｒｄ１２３')).toContain(
        'is one of the most common passwords',
      );
    });

    it('refuses the name of the product', () => {
      expect(checkPassword('Talentbridge2026')).toContain(
        'is a common password with a few characters added or changed',
      );
    });

    it('lets a passphrase that merely contains a common word through', () => {
      expect(checkPassword('monkey wrench on tuesday')).toEqual([]);
      expect(checkPassword('Correct-horse-battery-9')).toEqual([]);
    });
  });
});
