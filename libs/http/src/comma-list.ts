import { Transform } from 'class-transformer';

/**
 * `?status=draft,open` → `['draft', 'open']`: multi-valued query parameters are comma-separated;
 * blanks are dropped. Anything but a string is left for the validators to judge.
 */
export function CommaSeparated(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
      : value,
  );
}
