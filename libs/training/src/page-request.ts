import { InputValidationError } from '@app/http';
import { DEFAULT_PAGE_SIZE, type PageQueryDto } from './dto/page-query.dto.js';
import { decodePageCursor, type PagePosition } from './page-cursor.js';

/** The position and size a list query asks for; a cursor this API did not hand out is a 400. */
export function pageRequest(query: PageQueryDto): {
  after: PagePosition | undefined;
  limit: number;
} {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (query.cursor === undefined) return { after: undefined, limit };
  const after = decodePageCursor(query.cursor);
  if (after === undefined) {
    throw new InputValidationError([
      { field: 'cursor', message: 'cursor is not one this list returned' },
    ]);
  }
  return { after, limit };
}
