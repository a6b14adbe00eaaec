import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  FilterBuildError,
  FilterBuilder,
  FilterExpression,
  quoteFilterString,
} from './filter-builder.js';

const f = new FilterBuilder(['id', 'country', 'skills', 'rate', 'location.city']);
type Field = Parameters<typeof f.eq>[0];

/** Reads back a quoted literal the way Meilisearch's parser does: `\x` means x. */
function unquote(quoted: string): string {
  expect(quoted.startsWith('"') && quoted.endsWith('"')).toBe(true);
  const body = quoted.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') {
      i++;
      out += body[i];
    } else {
      // An unescaped quote inside the literal would end it early: that is an injection.
      expect(body[i]).not.toBe('"');
      out += body[i];
    }
  }
  return out;
}

describe('FilterBuilder', () => {
  it('quotes equality values', () => {
    expect(f.eq('country', 'RS').toString()).toBe('country = "RS"');
    expect(f.eq('rate', 25).toString()).toBe('rate = 25');
    expect(f.notEq('country', 'XK').toString()).toBe('country != "XK"');
  });

  it.each([
    [`x' OR id > 0`, `country = "x\\' OR id > 0"`],
    [`x" OR 1=1`, `country = "x\\" OR 1=1"`],
    [`x\\" OR 1=1`, `country = "x\\\\\\" OR 1=1"`],
    [`\\`, `country = "\\\\"`],
    [`a\nOR id EXISTS`, `country = "a\nOR id EXISTS"`],
    ['', `country = ""`],
  ])('keeps the payload %j inside one literal', (payload, expected) => {
    const expr = f.eq('country', payload).toString();
    expect(expr).toBe(expected);
    expect(unquote(expr.slice('country = '.length))).toBe(payload);
  });

  it('round-trips any string through quoting', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(unquote(quoteFilterString(s))).toBe(s);
      }),
    );
  });

  it('builds IN lists of quoted values and refuses an empty list', () => {
    expect(f.in('skills', ['a"b', "c'd"]).toString()).toBe(`skills IN ["a\\"b", "c\\'d"]`);
    expect(() => f.in('skills', [])).toThrow(FilterBuildError);
  });

  it('compares numbers only, and only finite ones', () => {
    expect(f.compare('rate', '>=', 10).toString()).toBe('rate >= 10');
    expect(f.between('rate', 10, 20.5).toString()).toBe('rate 10 TO 20.5');
    for (const bad of [NaN, Infinity, -Infinity]) {
      expect(() => f.compare('rate', '<', bad)).toThrow(FilterBuildError);
      expect(() => f.between('rate', 0, bad)).toThrow(FilterBuildError);
    }
    expect(() => f.compare('rate', '>', '5')).toThrow(FilterBuildError);
    expect(() => f.compare('rate', '> 0 OR id' as '>', 5)).toThrow(FilterBuildError);
  });

  it('accepts only allow-listed field names', () => {
    expect(() => f.eq('id > 0 OR country' as Field, 'x')).toThrow(/not filterable/);
    expect(() => f.eq('password' as Field, 'x')).toThrow(/not filterable/);
    expect(() => new FilterBuilder(['ok', 'bad field'])).toThrow(/invalid filter field/);
    expect(f.exists('location.city').toString()).toBe('location.city EXISTS');
    expect(f.isNull('rate').toString()).toBe('rate IS NULL');
    expect(f.isEmpty('skills').toString()).toBe('skills IS EMPTY');
    expect(() => f.isNull('evil' as Field)).toThrow(FilterBuildError);
  });

  it('validates _geoRadius numbers', () => {
    expect(f.geoRadius(44.8, 20.46, 5000).toString()).toBe('_geoRadius(44.8, 20.46, 5000)');
    expect(() => f.geoRadius(NaN, 20, 1000)).toThrow(FilterBuildError);
    expect(() => f.geoRadius(91, 20, 1000)).toThrow(/latitude/);
    expect(() => f.geoRadius(44, 181, 1000)).toThrow(/longitude/);
    expect(() => f.geoRadius(44, 20, -1)).toThrow(/radius/);
    expect(() => f.geoRadius(44, 20, Infinity)).toThrow(FilterBuildError);
    expect(() => f.geoRadius('1) OR (1' as unknown as number, 20, 5)).toThrow(FilterBuildError);
  });

  it('groups with AND/OR in parentheses and skips absent parts', () => {
    const expr = f.and(
      f.eq('country', 'RS'),
      undefined,
      f.or(f.eq('skills', 'a'), f.compare('rate', '<', 30)),
    );
    expect(expr?.toString()).toBe('(country = "RS") AND ((skills = "a") OR (rate < 30))');
    expect(f.and(undefined)).toBeUndefined();
    expect(f.or(f.eq('id', 'x'))?.toString()).toBe('id = "x"');
    expect(f.not(f.eq('id', 'x')).toString()).toBe('NOT (id = "x")');
  });

  it('refuses raw strings where expressions are expected', () => {
    expect(() => f.and('id > 0' as unknown as FilterExpression)).toThrow(FilterBuildError);
  });
});
