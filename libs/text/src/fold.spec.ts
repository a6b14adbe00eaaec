import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CYRTRANSLIT_PAIRS } from './fixtures/cyrtranslit.fixtures.js';
import { foldForIndex, foldKey, foldQuery, transliterateCyrillic } from './fold.js';

/** The search model: every folded query token is among the folded index tokens. */
function matches(query: string, indexed: string): boolean {
  const index = new Set(foldForIndex(indexed).split(' '));
  return foldQuery(query)
    .split(' ')
    .every((t) => index.has(t));
}

function expectAllMatch(spellings: string[]): void {
  for (const query of spellings) {
    for (const indexed of spellings) {
      expect({ query, indexed, match: matches(query, indexed) }).toEqual({
        query,
        indexed,
        match: true,
      });
    }
  }
}

describe('transliterateCyrillic', () => {
  it('follows the BGN table, with lower-case ј as j', () => {
    expect(transliterateCyrillic('Петровић')).toBe('petrović');
    expect(transliterateCyrillic('Јован Јовановић')).toBe('jovan jovanović');
    expect(transliterateCyrillic('Љиљана Џаковић')).toBe('ljiljana džaković');
  });

  it('reads Macedonian ѓ/ќ by context as BGN does', () => {
    expect(transliterateCyrillic('ѓавол')).toBe('đavol');
    expect(transliterateCyrillic('ѓеврек')).toBe('gevrek');
    expect(transliterateCyrillic('ќерка')).toBe('kerka');
    expect(transliterateCyrillic('ноќ')).toBe('noć');
  });

  it('leaves Latin and other scripts alone (lower-cased)', () => {
    expect(transliterateCyrillic('Node.js 20')).toBe('node.js 20');
    expect(transliterateCyrillic('Ελλάδα')).toBe('ελλάδα');
  });
});

describe('folding', () => {
  it('Đorđe, Djordje, Dorde and Ђорђе match each other', () => {
    expectAllMatch(['Đorđe', 'Djordje', 'Dorde', 'Ђорђе', 'ĐORĐE']);
  });

  it('Петровић, Petrović and petrovic match each other', () => {
    expectAllMatch(['Петровић', 'Petrović', 'petrovic', 'PETROVIC']);
  });

  it('Ѓорѓи, Gjorgji and Ǵorǵi match each other (and the plain Gorgi)', () => {
    expectAllMatch(['Ѓорѓи', 'Gjorgji', 'Ǵorǵi', 'Gorgi']);
  });

  it('Kočovski and Kocovski match; Ќ reads as kj or k', () => {
    expectAllMatch(['Kočovski', 'Kocovski', 'Кочовски']);
    expectAllMatch(['Ќирил', 'Kjiril', 'Ḱiril', 'Kiril']);
  });

  it('folds Albanian ë and ç', () => {
    expectAllMatch(['Përparim Çela', 'Perparim Cela']);
    expect(foldQuery('Përparim Çela')).toBe('perparim cela');
  });

  it('indexes both the long and the short spelling of đ', () => {
    expect(foldForIndex('Đorđe Petrović')).toBe('djordje dorde petrovic');
    expect(foldQuery('Đorđe Petrović')).toBe('dorde petrovic');
  });

  it('keeps C#, C++ and digits as tokens', () => {
    expect(foldForIndex('C# and C++ on .NET 8')).toBe('c# and c++ on net 8');
  });

  it('foldKey keeps every token in order', () => {
    expect(foldKey('  MS  Excel ')).toBe('ms excel');
    expect(foldKey('Sales and sales')).toBe('sales and sales');
    expect(foldKey('Node.js')).toBe('node js');
  });

  it.each(CYRTRANSLIT_PAIRS)(
    'cyrtranslit $lang: $cyrillic folds like its Latin',
    ({ cyrillic, latin }) => {
      expect(foldQuery(cyrillic)).toBe(foldQuery(latin));
      expect(foldForIndex(cyrillic).split(' ')).toEqual(
        expect.arrayContaining(foldQuery(latin).split(' ')),
      );
    },
  );

  it('empty and separator-only text folds to nothing', () => {
    expect(foldForIndex('')).toBe('');
    expect(foldQuery(' .,;- ')).toBe('');
  });
});

describe('folding properties', () => {
  const balkanChars = fc.constantFrom(
    ...'abcdefghijklmnopqrstuvwxyzčćđšžëçǵḱ ABCĐŠŽ-.#+0123456789'.split(''),
    ...'абвгдђѓежзѕијклљмнњопрстћќуфхцчџшЂЃЌЉЊЏ'.split(''),
    'з́',
    'ѝ',
  );
  const balkanText = fc.array(balkanChars, { maxLength: 40 }).map((cs) => cs.join(''));

  it('is idempotent', () => {
    fc.assert(
      fc.property(balkanText, (text) => {
        expect(foldQuery(foldQuery(text))).toBe(foldQuery(text));
        expect(foldForIndex(foldForIndex(text))).toBe(foldForIndex(text));
      }),
    );
  });

  it('produces lower-case ASCII for Latin and Cyrillic text', () => {
    fc.assert(
      fc.property(balkanText, (text) => {
        expect(foldForIndex(text)).toMatch(/^[a-z0-9+# ]*$/);
        expect(foldQuery(text)).toMatch(/^[a-z0-9+# ]*$/);
      }),
    );
  });

  it('a folded text always matches itself and its own fold', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        expect(matches(text, text)).toBe(true);
        expect(matches(foldQuery(text), text)).toBe(true);
      }),
    );
  });
});
