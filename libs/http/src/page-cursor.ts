import { InputValidationError } from './domain-error.js';
import { DEFAULT_PAGE_SIZE } from './page-query.dto.js';
import { isUuid } from './uuid.js';

/** A keyset position in a list ordered by (created_at, id). */
export interface PagePosition {
  createdAt: Date;
  id: string;
}

export function encodePageCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString(
    'base64url',
  );
}

/** The position a cursor names, or undefined when it is not one this API returned. */
export function decodePageCursor(cursor: string): PagePosition | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [at, id] = parsed as unknown[];
    if (typeof at !== 'string' || !isUuid(id)) return undefined;
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== at) return undefined;
    return { createdAt, id };
  } catch {
    return undefined;
  }
}

/**
 * Cuts one page out of `rows` fetched with `limit + 1`: the extra row only says that another
 * page exists, and the cursor points after the last row returned.
 */
export function toPage<T extends PagePosition>(
  rows: T[],
  limit: number,
): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: encodePageCursor(page[page.length - 1]) };
}

/** The position `?cursor=` names, or undefined without one; a cursor this API did not hand out is a 400. */
export function cursorPosition(cursor: string | undefined): PagePosition | undefined {
  if (cursor === undefined) return undefined;
  const position = decodePageCursor(cursor);
  if (position === undefined) {
    throw new InputValidationError([
      { field: 'cursor', message: 'cursor is not one this list returned' },
    ]);
  }
  return position;
}

/** The position and size a `?limit=&cursor=` query asks for; a cursor this API did not hand out is a 400. */
export function pageRequest(query: { limit?: number; cursor?: string }): {
  after: PagePosition | undefined;
  limit: number;
} {
  return { after: cursorPosition(query.cursor), limit: query.limit ?? DEFAULT_PAGE_SIZE };
}

/*
 * Lists ranked by a search engine have no stable keyset: their cursor carries the offset of the
 * next page, which never passes the engine's `maxTotalHits` (`bound`).
 */

export function encodeOffsetCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

/** The offset a cursor names, or undefined when it is not one this API returned below `bound`. */
export function decodeOffsetCursor(cursor: string, bound: number): number | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const o = (parsed as { o?: unknown } | null)?.o;
    return typeof o === 'number' && Number.isInteger(o) && o >= 0 && o < bound ? o : undefined;
  } catch {
    return undefined;
  }
}

/** The cursor of the page after `offset`, or null at the end of the hits (or at `bound`). */
export function nextOffsetCursor(
  offset: number,
  limit: number,
  totalHits: number,
  bound: number,
): string | null {
  const next = offset + limit;
  return next < Math.min(totalHits, bound) ? encodeOffsetCursor(next) : null;
}

/** The offset `?cursor=` names (0 without one); a cursor this API did not hand out is a 400. */
export function offsetCursorPosition(
  cursor: string | undefined,
  bound = Number.MAX_SAFE_INTEGER,
): number {
  if (cursor === undefined) return 0;
  const offset = decodeOffsetCursor(cursor, bound);
  if (offset === undefined) {
    throw new InputValidationError([
      { field: 'cursor', message: 'cursor is not one this list returned' },
    ]);
  }
  return offset;
}
