/**
 * A programme's inclusion priority, e.g. women or youth 15–29. Programmes own them; matching
 * reads them to apply the capped, consent-only priority boost.
 */
export type ProgrammePriority =
  | { kind: 'sex'; value: 'female' | 'male' | 'other' }
  | { kind: 'age'; min: number; max: number }
  | { kind: 'group'; value: string };
