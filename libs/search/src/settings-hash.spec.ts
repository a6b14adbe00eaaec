import { describe, expect, it } from '@jest/globals';
import { settingsHash } from './settings-hash.js';

describe('settingsHash', () => {
  it('ignores key order and undefined members', () => {
    expect(
      settingsHash({
        searchableAttributes: ['a'],
        filterableAttributes: ['b'],
        distinctAttribute: undefined,
      }),
    ).toBe(settingsHash({ filterableAttributes: ['b'], searchableAttributes: ['a'] }));
  });

  it('changes when a setting changes, including the order of ranked attributes', () => {
    const base = settingsHash({ searchableAttributes: ['a', 'b'] });
    expect(settingsHash({ searchableAttributes: ['b', 'a'] })).not.toBe(base);
    expect(settingsHash({ searchableAttributes: ['a', 'b'], sortableAttributes: ['a'] })).not.toBe(
      base,
    );
  });
});
