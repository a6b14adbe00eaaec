import { describe, expect, it } from '@jest/globals';
import { InputValidationError } from './domain-error.js';
import {
  decodePageCursor,
  encodeOffsetCursor,
  encodePageCursor,
  nextOffsetCursor,
  offsetCursorPosition,
  toPage,
} from './page-cursor.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('page cursors', () => {
  it('round-trip a position, to the millisecond', () => {
    const position = { createdAt: new Date('2026-03-01T10:11:12.345Z'), id: id(7) };
    expect(decodePageCursor(encodePageCursor(position))).toEqual(position);
  });

  it.each([
    'garbage',
    '',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('["2026-03-01T10:11:12.345Z","not-a-uuid"]').toString('base64url'),
    Buffer.from(`["yesterday","${id(1)}"]`).toString('base64url'),
  ])('refuse %p', (cursor) => {
    expect(decodePageCursor(cursor)).toBeUndefined();
  });

  it('cut pages with the extra row telling that more exist', () => {
    const rows = [1, 2, 3].map((n) => ({ id: id(n), createdAt: new Date(n * 1000) }));
    expect(toPage(rows, 3)).toEqual({ rows, nextCursor: null });
    const page = toPage(rows, 2);
    expect(page.rows).toEqual(rows.slice(0, 2));
    expect(decodePageCursor(page.nextCursor as string)).toEqual(rows[1]);
  });
});

describe('offset cursors', () => {
  it('start at 0 without a cursor and read back the offset they carry', () => {
    expect(offsetCursorPosition(undefined)).toBe(0);
    expect(offsetCursorPosition(encodeOffsetCursor(40))).toBe(40);
    expect(offsetCursorPosition(nextOffsetCursor(20, 20, 100, 1000) as string)).toBe(40);
  });

  it('refuse a cursor the API did not hand out, or one past the bound, naming the field', () => {
    for (const cursor of ['bm90IGpzb24', encodeOffsetCursor(1000), 'Z2FwOjIw']) {
      let error: unknown;
      try {
        offsetCursorPosition(cursor, 1000);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputValidationError);
      expect((error as InputValidationError).errors.map((e) => e.field)).toEqual(['cursor']);
    }
  });
});
