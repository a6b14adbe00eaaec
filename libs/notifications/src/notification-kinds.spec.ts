import { describe, expect, it } from '@jest/globals';
import { CATALOGUES, LOCALES, placeholdersOf } from '@app/mail';
import { NOTIFICATION_KINDS } from './notification-kinds.js';

describe('notification kinds', () => {
  it.each(LOCALES)('every kind has a title and a body in %s', (locale) => {
    const catalogue = CATALOGUES[locale] as Readonly<Record<string, string>>;
    for (const kind of NOTIFICATION_KINDS) {
      expect([kind, typeof catalogue[`kind.${kind}`]]).toEqual([kind, 'string']);
      expect([kind, typeof catalogue[`kindBody.${kind}`]]).toEqual([kind, 'string']);
    }
  });

  it('titles take no placeholders; bodies only {opportunity}, which brokering always passes', () => {
    for (const kind of NOTIFICATION_KINDS) {
      expect([kind, placeholdersOf(CATALOGUES.en[`kind.${kind}`])]).toEqual([kind, []]);
      const body = placeholdersOf(CATALOGUES.en[`kindBody.${kind}`]);
      expect([kind, body]).toEqual([
        kind,
        kind.startsWith('match.') || kind === 'application.received' ? ['opportunity'] : [],
      ]);
    }
  });
});
