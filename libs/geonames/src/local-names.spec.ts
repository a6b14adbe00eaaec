import { describe, expect, it } from '@jest/globals';
import { deriveLocalNames } from './local-names.js';

describe('deriveLocalNames', () => {
  it('takes the Cyrillic alternate that reads as the own name, and its Latin spelling', () => {
    const names = deriveLocalNames(1, 'RS', 'Niš', 'Nis', ['Nish', 'Niš', 'Ниш', 'Ниш', 'Нишь']);
    expect(names).toEqual({ en: 'Niš', sr: 'Niš', 'sr-Cyrl': 'Ниш' });
  });

  it('passes over Russian forms and writes the own name by rule when none fits', () => {
    const names = deriveLocalNames(2, 'ME', 'Bijelo Polje', 'Bijelo Polje', [
      'Биело-Поле',
      'Биелопол',
    ]);
    expect(names).toEqual({ en: 'Bijelo Polje', sr: 'Bijelo Polje', 'sr-Cyrl': 'Бијело Поље' });
  });

  it('gives Kosovo towns the Albanian form and the Serbian one where GeoNames has it', () => {
    const names = deriveLocalNames(3, 'XK', 'Pristina', 'Pristina', [
      'Prishtina',
      'Prishtinë',
      'Priština',
      'Приштина',
      'Прищина',
    ]);
    expect(names).toEqual({
      en: 'Pristina',
      sq: 'Prishtinë',
      sr: 'Priština',
      'sr-Cyrl': 'Приштина',
    });
    // Ferizaj: the Serbian name is another word, found through its Latin alternate.
    expect(deriveLocalNames(4, 'XK', 'Ferizaj', 'Ferizaj', ['Uroševac', 'Урошевац'])).toEqual({
      en: 'Ferizaj',
      sq: 'Ferizaj',
      sr: 'Uroševac',
      'sr-Cyrl': 'Урошевац',
    });
  });

  it('gives Macedonian towns the Macedonian Cyrillic form and Bosnian towns bs', () => {
    expect(deriveLocalNames(5, 'MK', 'Skopje', 'Skopje', ['Shkup', 'Скопие', 'Скопје'])).toEqual({
      en: 'Skopje',
      mk: 'Скопје',
    });
    expect(deriveLocalNames(6, 'BA', 'Tuzla', 'Tuzla', ['Тузла'])).toEqual({
      en: 'Tuzla',
      sr: 'Tuzla',
      'sr-Cyrl': 'Тузла',
      bs: 'Tuzla',
    });
  });

  it('lets the overrides win (Belgrade: Белград reads as a name too)', () => {
    expect(
      deriveLocalNames(792680, 'RS', 'Belgrade', 'Belgrade', ['Belgrad', 'Белград']),
    ).toMatchObject({
      sr: 'Beograd',
      'sr-Cyrl': 'Београд',
    });
  });
});
