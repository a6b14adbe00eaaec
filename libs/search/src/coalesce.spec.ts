import { describe, expect, it } from '@jest/globals';
import { coalesceRows, type CoalescibleRow } from './coalesce.js';

const row = (id: number, target: string, documentId: string, attempts = 0): CoalescibleRow => ({
  id: String(id),
  target,
  documentId,
  attempts,
});

describe('coalesceRows', () => {
  it('turns many rows of one document into one unit of work', () => {
    const rows = Array.from({ length: 10 }, (_, i) => row(i + 1, 'skills', 'a'));
    const grouped = coalesceRows(rows);
    expect([...grouped.keys()]).toEqual(['skills']);
    expect(grouped.get('skills')).toHaveLength(1);
    expect(grouped.get('skills')?.[0].rows.map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });

  it('keeps indexes apart even when document ids are equal', () => {
    const grouped = coalesceRows([row(1, 'skills', 'x'), row(2, 'profiles', 'x')]);
    expect(grouped.get('skills')?.map((w) => w.documentId)).toEqual(['x']);
    expect(grouped.get('profiles')?.map((w) => w.documentId)).toEqual(['x']);
  });

  it('keeps first-seen order of documents', () => {
    const grouped = coalesceRows([
      row(1, 'p', 'b'),
      row(2, 'p', 'a'),
      row(3, 'p', 'b'),
      row(4, 'p', 'c'),
    ]);
    expect(grouped.get('p')?.map((w) => w.documentId)).toEqual(['b', 'a', 'c']);
  });

  it('carries the highest attempt count of a document (its backoff and dead-letter clock)', () => {
    const grouped = coalesceRows([row(1, 'p', 'a', 3), row(2, 'p', 'a', 0), row(3, 'p', 'b', 1)]);
    expect(grouped.get('p')?.map((w) => [w.documentId, w.attempts])).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
  });

  it('returns nothing for nothing', () => {
    expect(coalesceRows([]).size).toBe(0);
  });
});
