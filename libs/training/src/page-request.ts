import { cursorPosition, type PagePosition } from '@app/http';
import { DEFAULT_PAGE_SIZE, type PageQueryDto } from './dto/page-query.dto.js';

/** The position and size a list query asks for; a cursor this API did not hand out is a 400. */
export function pageRequest(query: PageQueryDto): {
  after: PagePosition | undefined;
  limit: number;
} {
  return { after: cursorPosition(query.cursor), limit: query.limit ?? DEFAULT_PAGE_SIZE };
}
