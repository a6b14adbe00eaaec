export { decodePageCursor, encodePageCursor, toPage, type PagePosition } from '@app/http';
