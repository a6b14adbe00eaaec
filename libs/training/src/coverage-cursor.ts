import { InputValidationError } from '@app/http';

const PREFIX = 'gap:';

/** The position after which the next page of a gap-coverage ranking starts. */
export function encodeCoveragePosition(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`).toString('base64url');
}

/** 0 without a cursor; a cursor this ranking did not hand out is a 400 naming `cursor`. */
export function coveragePosition(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : Number.NaN;
  if (!Number.isSafeInteger(offset) || offset < 0 || encodeCoveragePosition(offset) !== cursor) {
    throw new InputValidationError([
      { field: 'cursor', message: 'cursor is not one this list returned' },
    ]);
  }
  return offset;
}
