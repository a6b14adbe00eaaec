import { describe, expect, it } from '@jest/globals';
import { IsOptional, IsString, IsInt } from 'class-validator';
import { InputValidationError } from './domain-error.js';
import {
  IsFreeText,
  IsNameText,
  NestedObject,
  NestedObjectArray,
  OptionalNotNull,
  freeTextProblem,
  nameTextProblem,
} from './field-decorators.js';
import { createValidationPipe } from './validation.js';

class ItemDto {
  @IsInt() level: number;
}

class FormDto {
  @IsOptional() @IsString() @IsNameText() name?: string;
  @IsOptional() @IsString() @IsFreeText() bio?: string;
  @IsOptional() @IsString({ each: true }) @IsNameText({ each: true }) labels?: string[];
  @IsOptional() @NestedObjectArray(() => ItemDto) items?: ItemDto[];
  @IsOptional() @NestedObject(() => ItemDto) one?: ItemDto | null;
  @OptionalNotNull() @IsString() organisation?: string;
}

const pipe = createValidationPipe();
const fieldsOf = async (value: unknown): Promise<string[]> => {
  const error = await pipe.transform(value, { type: 'body', metatype: FormDto, data: '' }).then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof InputValidationError ? error.errors.map((e) => e.field) : [];
};

describe('text rules', () => {
  it.each([
    ['Ana Petrović'],
    ['Ђорђе Петровић'],
    ['Arbër Krasniqi'],
    ['👩‍💻 Dev'],
    ['محمد'],
    ['e\u0301'],
  ])('a name like %s is fine', (name) => {
    expect(nameTextProblem(name)).toBeUndefined();
  });

  it.each([
    ['\u200B', 'must contain visible characters'],
    ['\u00AD\u034F\uFE0F', 'must contain visible characters'],
    ['\u2800', 'must contain visible characters'],
    ['a\u202Eb', 'must not contain bidirectional override or isolate characters'],
    ['a\u2066b', 'must not contain bidirectional override or isolate characters'],
    ['a\tb', 'must not contain control characters'],
    ['a\u009Bb', 'must not contain control characters'],
  ])('a name like %j is refused', (name, reason) => {
    expect(nameTextProblem(name)).toContain(reason);
  });

  it('free text keeps tabs and line breaks but not other controls or invisible-only text', () => {
    expect(freeTextProblem('line one\r\nline two\tand a tab')).toBeUndefined();
    expect(freeTextProblem('bell\u0007')).toContain('control characters');
    expect(freeTextProblem(' \u200C\n')).toBe('must contain visible characters');
    expect(freeTextProblem('')).toBeUndefined();
  });

  it('name the field through the validation pipe, also for each item', async () => {
    expect(await fieldsOf({ name: 'Ana', bio: 'Hello\nthere', labels: ['JS'] })).toEqual([]);
    expect(await fieldsOf({ name: '\u200B' })).toEqual(['name']);
    expect(await fieldsOf({ bio: 'x\u001B[31m' })).toEqual(['bio']);
    expect(await fieldsOf({ labels: ['ok', 'b\u202Ead'] })).toEqual(['labels']);
  });
});

describe('nested objects', () => {
  it('accept objects of the DTO and validate them', async () => {
    expect(await fieldsOf({ items: [{ level: 1 }], one: { level: 2 } })).toEqual([]);
    expect(await fieldsOf({ one: null })).toEqual([]);
    expect(await fieldsOf({ items: [{ level: 'x' }] })).toEqual(['items[0].level']);
  });

  it.each([
    [{ items: [[]] }, 'items'],
    [{ items: [[{ level: 1 }]] }, 'items'],
    [{ items: [1] }, 'items'],
    [{ items: {} }, 'items'],
    [{ one: [] }, 'one'],
    [{ one: [{ level: 1 }] }, 'one'],
    [{ one: 'x' }, 'one'],
  ])('refuse %j naming %s', async (body, field) => {
    expect(await fieldsOf(body)).toContain(field);
  });
});

describe('OptionalNotNull', () => {
  it('lets the field be left out but checks null like any value', async () => {
    expect(await fieldsOf({})).toEqual([]);
    expect(await fieldsOf({ organisation: 'Balkan Code' })).toEqual([]);
    expect(await fieldsOf({ organisation: null })).toEqual(['organisation']);
  });
});
