import { describe, expect, it } from '@jest/globals';
import { transliterateCyrillic } from '@app/text';
import { CATALOGUES, placeholdersOf, translate } from './catalogue.js';
import { en } from './i18n/en.js';
import { LOCALES } from './locales.js';

describe('mail catalogues', () => {
  const keys = Object.keys(en).sort();

  it.each(LOCALES)('%s has every key of the English catalogue and no other', (locale) => {
    expect(Object.keys(CATALOGUES[locale]).sort()).toEqual(keys);
    for (const key of keys) {
      expect(CATALOGUES[locale][key as keyof typeof en].trim()).not.toBe('');
    }
  });

  it.each(LOCALES)('%s uses the same placeholders as English in every text', (locale) => {
    for (const key of keys as (keyof typeof en)[]) {
      expect([key, placeholdersOf(CATALOGUES[locale][key])]).toEqual([
        key,
        placeholdersOf(en[key]),
      ]);
    }
  });

  it('sr-Cyrl is the sr text in Cyrillic (transliterated back by libs/text)', () => {
    for (const key of keys as (keyof typeof en)[]) {
      expect([key, transliterateCyrillic(CATALOGUES['sr-Cyrl'][key])]).toEqual([
        key,
        CATALOGUES.sr[key].toLowerCase(),
      ]);
    }
  });

  it('fills placeholders and leaves a missing one visible', () => {
    expect(translate('sq', 'layout.greeting', { name: 'Arta' })).toBe('Përshëndetje Arta,');
    expect(translate('en', 'layout.greeting')).toBe('Hello {name},');
  });
});
