import { InputValidationError } from '@app/http';
import { ProfileVersionRequiredError } from './profiles.errors.js';

/** The ETag of a profile version: a strong, quoted entity tag. */
export const profileEtag = (version: number): string => `"${version}"`;

/**
 * The version a client claims to have edited, from `If-Match: "<version>"`. Missing → 428;
 * anything but one entity tag holding a version number (`*`, lists, junk) → 400 naming the
 * header, since it cannot be checked against a version.
 */
export function parseIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') throw new ProfileVersionRequiredError();
  const match = /^"(\d{1,9})"$/.exec(header.trim()) ?? /^(\d{1,9})$/.exec(header.trim());
  if (match === null) {
    throw new InputValidationError([
      { field: 'If-Match', message: 'must be the ETag from GET /api/profiles/me, e.g. "3"' },
    ]);
  }
  return Number(match[1]);
}
