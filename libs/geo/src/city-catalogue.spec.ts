import { CityCatalogue, cityKey } from './city-catalogue.js';

describe('CityCatalogue', () => {
  const catalogue = new CityCatalogue();

  it('finds towns of the six countries, typed without diacritics', () => {
    const nis = catalogue.find('RS', 'nis');
    expect(nis).toMatchObject({ name: 'Niš', country: 'RS' });
    expect(nis?.lat).toBeCloseTo(43.32, 1);
    expect(nis?.lng).toBeCloseTo(21.9, 1);
    expect(catalogue.find('xk', 'Prizren')?.country).toBe('XK');
  });

  it('keeps large towns abroad and drops small ones', () => {
    expect(catalogue.find('DE', 'Berlin')?.population).toBeGreaterThan(1_000_000);
    expect(catalogue.hasCountry('AL')).toBe(true);
    const german = catalogue.search('DE', '', 10_000);
    expect(german.every((c) => c.population >= 50_000)).toBe(true);
  });

  it('searches by prefix first, most populous first, then by substring', () => {
    const hits = catalogue.search('BA', 'sa', 5);
    expect(hits[0].name).toBe('Sarajevo');
    expect(hits.every((c) => cityKey(c.name).includes('sa'))).toBe(true);
  });

  it('answers undefined for a town the country does not have', () => {
    expect(catalogue.find('ME', 'Atlantis')).toBeUndefined();
  });
});
