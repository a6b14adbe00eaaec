/** `a,b , c` → `['a', 'b', 'c']`; anything but a string is left for the validators to refuse. */
export const commaSeparated =
  (normalise: (v: string) => string = (v) => v) =>
  ({ value }: { value: unknown }): unknown =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((v) => normalise(v.trim()))
          .filter((v) => v !== '')
      : value;

/** A calendar date as the reports take it. */
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
