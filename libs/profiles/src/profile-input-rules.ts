import type { FieldError } from '@app/http';
import type { ProfileUpdateDto } from './dto/profile-update.dto.js';

/**
 * Rules on a profile update that need more than one field at a time; the DTO has checked each
 * field on its own. Every error names the exact input (`skills[3].skillId`).
 */
export function checkProfileUpdate(dto: ProfileUpdateDto): FieldError[] {
  const errors: FieldError[] = [];
  errors.push(
    ...duplicatesOf(dto.skills ?? [], 'skills', 'skillId', (s) => s.skillId.toLowerCase()),
  );
  errors.push(...duplicatesOf(dto.languages ?? [], 'languages', 'code', (l) => l.code));
  errors.push(...duplicatesOf(dto.portfolio ?? [], 'portfolio', 'url', (p) => p.url));
  if (dto.city !== undefined && dto.country === undefined) {
    errors.push({ field: 'country', message: 'is required when city is given' });
  }
  return errors;
}

function duplicatesOf<T>(
  items: T[],
  list: string,
  field: string,
  keyOf: (item: T) => string,
): FieldError[] {
  const firstIndex = new Map<string, number>();
  const errors: FieldError[] = [];
  items.forEach((item, i) => {
    const key = keyOf(item);
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, i);
    else errors.push({ field: `${list}[${i}].${field}`, message: `duplicates ${list}[${first}]` });
  });
  return errors;
}

/** One error per entry whose skill id the taxonomy does not know. */
export function unknownSkillErrors(
  skills: { skillId: string }[],
  known: ReadonlySet<string>,
): FieldError[] {
  return skills.flatMap((s, i) =>
    known.has(s.skillId.toLowerCase())
      ? []
      : [{ field: `skills[${i}].skillId`, message: 'is not a known skill' }],
  );
}
