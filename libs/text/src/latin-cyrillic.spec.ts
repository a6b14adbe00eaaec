import { describe, expect, it } from '@jest/globals';
import { foldKey } from './fold.js';
import { latinToCyrillic } from './latin-cyrillic.js';

describe('latinToCyrillic', () => {
  it('writes Serbian Latin in Cyrillic, digraphs as one letter, keeping case', () => {
    expect(latinToCyrillic('Beograd')).toBe('Београд');
    expect(latinToCyrillic('korisnička podrška')).toBe('корисничка подршка');
    expect(latinToCyrillic('Džep Đorđe Njegoš Ljubovija')).toBe('Џеп Ђорђе Његош Љубовија');
  });

  it('writes Macedonian letters for gj, kj, dz and ǵ, ḱ', () => {
    expect(latinToCyrillic('Gjorče Petrov', 'mk')).toBe('Ѓорче Петров');
    expect(latinToCyrillic('Ḱerka i dzvezda', 'mk')).toBe('Ќерка и ѕвезда');
  });

  it('keeps brand names, acronyms and words asked for in Latin', () => {
    expect(latinToCyrillic('programiranje u Python-u')).toBe('програмирање у Python-у');
    expect(latinToCyrillic('SQL baze podataka')).toBe('SQL базе података');
    expect(latinToCyrillic('IKT bezbednost')).toBe('ИКТ безбедност');
    expect(latinToCyrillic('Jenkins alat', 'sr', ['Jenkins'])).toBe('Jenkins алат');
  });

  it('folds back to the same key as the Latin it came from', () => {
    for (const s of ['Čačak', 'Novi Sad', 'razvoj softvera', 'upravljanje projektima']) {
      expect(foldKey(latinToCyrillic(s))).toBe(foldKey(s));
    }
  });
});
