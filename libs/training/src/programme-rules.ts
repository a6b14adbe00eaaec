import type { FieldError } from '@app/http';
import type { ProgrammePriority } from './programme-priority.js';
import { PRIORITY_SEXES, type ProgrammePriorityDto } from './dto/programme.dto.js';

/** `endsOn` must not come before `startsOn` (both `YYYY-MM-DD`, so strings compare as dates). */
export function dateOrderErrors(startsOn: string, endsOn: string): FieldError[] {
  return endsOn < startsOn
    ? [{ field: 'endsOn', message: 'endsOn must not be before startsOn' }]
    : [];
}

/**
 * Turns validated priority inputs into the {@link ProgrammePriority} union matching reads,
 * naming each member that does not belong to its kind.
 */
export function toProgrammePriorities(inputs: ProgrammePriorityDto[]): {
  priorities: ProgrammePriority[];
  errors: FieldError[];
} {
  const priorities: ProgrammePriority[] = [];
  const errors: FieldError[] = [];
  inputs.forEach((p, i) => {
    const at = (member: string) => `priorities[${i}].${member}`;
    const refuse = (member: string, message: string) => errors.push({ field: at(member), message });
    const onlyWith = (allowed: string[]) => {
      for (const member of ['value', 'min', 'max'] as const) {
        if (!allowed.includes(member) && p[member] !== undefined) {
          refuse(member, `${member} does not belong to a ${p.kind} priority`);
        }
      }
    };
    switch (p.kind) {
      case 'sex':
        onlyWith(['value']);
        if (!(PRIORITY_SEXES as readonly (string | undefined)[]).includes(p.value)) {
          refuse('value', `value must be one of ${PRIORITY_SEXES.join(', ')}`);
        } else {
          priorities.push({ kind: 'sex', value: p.value as (typeof PRIORITY_SEXES)[number] });
        }
        break;
      case 'age':
        onlyWith(['min', 'max']);
        if (p.min === undefined) refuse('min', 'min is required for an age priority');
        if (p.max === undefined) refuse('max', 'max is required for an age priority');
        if (p.min !== undefined && p.max !== undefined) {
          if (p.max < p.min) refuse('max', 'max must not be below min');
          else priorities.push({ kind: 'age', min: p.min, max: p.max });
        }
        break;
      case 'group':
        onlyWith(['value']);
        if (p.value === undefined) refuse('value', 'value is required for a group priority');
        else priorities.push({ kind: 'group', value: p.value.trim() });
        break;
    }
  });
  return { priorities, errors };
}
