import type { Database } from '@app/database';
import type { Selectable } from 'kysely';

type StoredJson = Selectable<Database['programmes']>['priorities'];

/**
 * A programme's inclusion priority, e.g. women or youth 15–29. Programmes own them; matching
 * reads them to apply the capped, consent-only priority boost.
 */
export type ProgrammePriority =
  | { kind: 'sex'; value: 'female' | 'male' | 'other' }
  | { kind: 'age'; min: number; max: number }
  | { kind: 'group'; value: string };

const SEXES = ['female', 'male', 'other'] as const;

/**
 * The priorities a programme row holds (jsonb written from validated input). Checked rather
 * than cast: a shape this code does not know (a migration ahead of it) fails loudly here.
 */
export function storedPriorities(value: StoredJson): ProgrammePriority[] {
  if (!Array.isArray(value)) throw new Error('programmes.priorities is not an array');
  return value.map((item) => {
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      const { kind, value: member, min, max } = item;
      const sex = SEXES.find((s) => s === member);
      if (kind === 'sex' && sex !== undefined) return { kind, value: sex };
      if (kind === 'age' && typeof min === 'number' && typeof max === 'number') {
        return { kind, min, max };
      }
      if (kind === 'group' && typeof member === 'string') return { kind, value: member };
    }
    throw new Error(
      `programmes.priorities holds ${JSON.stringify(item)}, which this code does not know`,
    );
  });
}
