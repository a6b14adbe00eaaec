import { ConflictError, NotFoundError } from '@app/http';

export class SkillNotFoundError extends NotFoundError {
  constructor() {
    super('Skill');
  }
}

export class SkillExistsError extends ConflictError {
  constructor(existingId: string) {
    super('SKILL_EXISTS', 'A skill with this name or ESCO URI already exists', { existingId });
  }
}

export class SkillAliasExistsError extends ConflictError {
  constructor() {
    super('SKILL_ALIAS_EXISTS', 'The skill already has this label');
  }
}
