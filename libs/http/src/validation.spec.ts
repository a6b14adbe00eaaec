import { describe, expect, it } from '@jest/globals';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, ValidateNested } from 'class-validator';
import { InputValidationError } from './domain-error.js';
import { createValidationPipe } from './validation.js';

class SkillDto {
  @IsString() skillId: string;
  @IsInt() @Min(1) @Max(5) level: number;
}

class ProfileDto {
  @IsString() headline: string;
  @ValidateNested({ each: true }) @Type(() => SkillDto) skills: SkillDto[];
}

describe('global validation pipe', () => {
  const pipe = createValidationPipe();
  const validate = (value: unknown) =>
    pipe.transform(value, { type: 'body', metatype: ProfileDto, data: '' });

  it('names nested array entries by index', async () => {
    const error = await validate({
      headline: 'QA',
      skills: [
        { skillId: 'a', level: 3 },
        { skillId: 'b', level: 9 },
      ],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).errors).toEqual([
      { field: 'skills[1].level', message: 'level must not be greater than 5' },
    ]);
  });

  it('refuses unknown properties by name, also nested', async () => {
    const error = (await validate({
      headline: 'QA',
      skills: [{ skillId: 'a', level: 1, extra: true }],
      role: 'admin',
    }).catch((e: unknown) => e)) as InputValidationError;
    expect(error.errors.map((e) => e.field).sort()).toEqual(['role', 'skills[0].extra']);
  });

  it('returns a DTO instance for valid input', async () => {
    const value = await validate({ headline: 'QA', skills: [{ skillId: 'a', level: 2 }] });
    expect(value).toBeInstanceOf(ProfileDto);
  });
});
