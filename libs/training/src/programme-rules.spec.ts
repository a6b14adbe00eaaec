import { describe, expect, it } from '@jest/globals';
import type { ProgrammePriorityDto } from './dto/programme.dto.js';
import { dateOrderErrors, toProgrammePriorities } from './programme-rules.js';

const p = (fields: Partial<ProgrammePriorityDto>) => fields as ProgrammePriorityDto;

describe('programme rules', () => {
  it('refuse an end before the start, allow a one-day span', () => {
    expect(dateOrderErrors('2026-03-01', '2026-02-28')).toEqual([
      { field: 'endsOn', message: 'endsOn must not be before startsOn' },
    ]);
    expect(dateOrderErrors('2026-03-01', '2026-03-01')).toEqual([]);
  });

  it('turn valid priorities into the matching union', () => {
    expect(
      toProgrammePriorities([
        p({ kind: 'sex', value: 'female' }),
        p({ kind: 'age', min: 15, max: 29 }),
        p({ kind: 'group', value: ' roma ' }),
      ]),
    ).toEqual({
      priorities: [
        { kind: 'sex', value: 'female' },
        { kind: 'age', min: 15, max: 29 },
        { kind: 'group', value: 'roma' },
      ],
      errors: [],
    });
  });

  it('name each member that does not fit its kind', () => {
    const { priorities, errors } = toProgrammePriorities([
      p({ kind: 'sex', value: 'unknown' }),
      p({ kind: 'age', min: 30, max: 18 }),
      p({ kind: 'group', min: 3 }),
      p({ kind: 'age', max: 20 }),
    ]);
    expect(priorities).toEqual([]);
    expect(errors.map((e) => e.field)).toEqual([
      'priorities[0].value',
      'priorities[1].max',
      'priorities[2].min',
      'priorities[2].value',
      'priorities[3].min',
    ]);
  });
});
