import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsObject,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

// Matching control characters is the point of these two patterns.
/** C0 controls, DEL and C1 controls: never part of a name. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** The same, except tab, line feed and carriage return, which free text may hold. */
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Embeddings, overrides and isolates: they make a name display as something else. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/**
 * What renders as nothing: white space, default-ignorable code points (zero-width spaces and
 * joiners, soft hyphen, Hangul fillers, variation selectors, tags, bidi marks), controls and
 * the blank Braille pattern.
 */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\u2800]/gu;

/** True when a non-empty text shows nothing at all ("\u200B", " \u2060 "). */
export const isInvisibleText = (value: string): boolean =>
  value !== '' && value.replace(INVISIBLE, '') === '';

/** Why a name or title is refused, or undefined when it is fine (non-strings are left to IsString). */
export function nameTextProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (CONTROL.test(value)) return 'must not contain control characters';
  if (BIDI_CONTROL.test(value)) {
    return 'must not contain bidirectional override or isolate characters (U+202A–U+202E, U+2066–U+2069)';
  }
  if (isInvisibleText(value)) return 'must contain visible characters';
  return undefined;
}

/** Why a free text (bio, description, note) is refused, or undefined when it is fine. */
export function freeTextProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (CONTROL_EXCEPT_LINE_BREAKS.test(value)) {
    return 'must not contain control characters other than tab and line breaks';
  }
  if (isInvisibleText(value)) return 'must contain visible characters';
  return undefined;
}

const textRule = (
  name: string,
  problem: (value: unknown) => string | undefined,
  options?: ValidationOptions,
): PropertyDecorator =>
  ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) => problem(value) === undefined,
        defaultMessage: (args?: ValidationArguments) => {
          const values: unknown[] =
            options?.each === true && Array.isArray(args?.value) ? args.value : [args?.value];
          const reason = values.map(problem).find((p) => p !== undefined) ?? 'is not valid text';
          return `${options?.each === true ? 'each value in ' : ''}${args?.property ?? 'value'} ${reason}`;
        },
      },
    },
    options,
  );

/**
 * A name or a title shown to other people (display names, organisation names, titles,
 * headlines, towns, labels): one line, no control characters, no bidi overrides or isolates,
 * not invisible. Stack it with the field's IsString and length rules.
 */
export const IsNameText = (options?: ValidationOptions): PropertyDecorator =>
  textRule('isNameText', nameTextProblem, options);

/** Free text (bio, description, note): line breaks and tabs allowed, other controls not; not invisible. */
export const IsFreeText = (options?: ValidationOptions): PropertyDecorator =>
  textRule('isFreeText', freeTextProblem, options);

/**
 * The field may be left out, but `null` is checked like any other value (and refused by the
 * field's type rules). IsOptional lets null through, which a service reading `=== undefined`
 * then took for a value.
 */
export const OptionalNotNull = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

type Constructor = abstract new (...args: never[]) => object;

/**
 * One nested object of the given DTO. ValidateNested alone accepts an array in its place
 * (`"budget": []` passed and cleared the budget), so the value must be an object as well.
 */
export const NestedObject = (type: () => Constructor): PropertyDecorator =>
  applyDecorators(
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(type as () => new () => object),
  );

/**
 * An array of nested objects of the given DTO. ValidateNested alone lets an array inside the
 * array through unvalidated (`"skills": [[]]` reached the database), so every item must be an
 * object. Stack it with the field's size rules.
 */
export const NestedObjectArray = (type: () => Constructor): PropertyDecorator =>
  applyDecorators(
    IsArray(),
    IsObject({ each: true, message: 'each value in $property must be an object' }),
    ValidateNested({ each: true }),
    Type(type as () => new () => object),
  );

/** True for a timezone name the runtime knows (IANA, e.g. `Europe/Skopje`, `UTC`). */
export function isTimeZone(name: unknown): boolean {
  if (typeof name !== 'string' || name.length === 0 || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** An IANA timezone name (`Europe/Belgrade`); anything else is refused, naming the field. */
export const IsTimeZone = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isTimeZone',
      validator: {
        validate: (value: unknown) => isTimeZone(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} must be an IANA timezone name such as Europe/Belgrade`,
      },
    },
    options,
  );
