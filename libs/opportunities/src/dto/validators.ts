import { Transform } from 'class-transformer';
import { ValidateBy, isISO31661Alpha2, isISO6391, type ValidationOptions } from 'class-validator';

/** XK (Kosovo) is a user-assigned code, not in ISO 3166-1, but it is how the world writes it. */
export const isCountryCode = (value: unknown): boolean =>
  typeof value === 'string' &&
  (value === 'XK' || isISO31661Alpha2(value)) &&
  /^[A-Z]{2}$/.test(value);

/** An upper-case ISO 3166-1 alpha-2 code, or XK. */
export const IsCountryCode = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isCountryCode',
      validator: {
        validate: isCountryCode,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an ISO 3166-1 alpha-2 country code such as RS`,
      },
    },
    options,
  );

/** A lower-case ISO 639-1 language code such as `en`. */
export const IsLanguageCode = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isLanguageCode',
      validator: {
        validate: (value) =>
          typeof value === 'string' && /^[a-z]{2}$/.test(value) && isISO6391(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an ISO 639-1 language code such as en`,
      },
    },
    options,
  );

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar date alone (`2027-06-30`) → the end of that day, UTC (`2027-06-30T23:59:59Z`): a
 * deadline given as a day means "still on that day", in the JSON API as in the CSV import.
 * Anything else (a date-time, a date that does not exist) is left for the validators.
 */
export function endOfDayIfDate(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const day = value.trim();
  if (!DATE_ONLY.test(day)) return value;
  const midnight = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(midnight.getTime()) || midnight.toISOString().slice(0, 10) !== day) return value;
  return `${day}T23:59:59Z`;
}

/** Applies {@link endOfDayIfDate} before validation. */
export const EndOfDayIfDate = (): PropertyDecorator =>
  Transform(({ value }) => endOfDayIfDate(value));

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A full ISO 8601 date-time with a zone, strictly after the moment of validation. Pair it with
 * {@link EndOfDayIfDate} where a day is what people mean.
 */
export const IsFutureDateTime = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isFutureDateTime',
      validator: {
        validate: (value) =>
          typeof value === 'string' &&
          ISO_DATE_TIME.test(value) &&
          !Number.isNaN(Date.parse(value)) &&
          Date.parse(value) > Date.now(),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an ISO 8601 date-time with a time zone, or a date alone (the end of that day, UTC), in the future`,
      },
    },
    options,
  );

/** The property, when both are numbers, is not below the sibling property `other`. */
export const IsNotBelow = (other: string, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isNotBelow',
      constraints: [other],
      validator: {
        validate: (value, args) => {
          const low = (args?.object as Record<string, unknown>)[other];
          return typeof value !== 'number' || typeof low !== 'number' || value >= low;
        },
        defaultMessage: (args) => `${args?.property ?? 'value'} must not be below ${other}`,
      },
    },
    options,
  );

/** Trims strings; leaves anything else for the validators to refuse. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export const UpperCase = (): PropertyDecorator =>
  Transform(({ value }) =>
    typeof value === 'string'
      ? value.trim().toUpperCase()
      : Array.isArray(value)
        ? value.map((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v))
        : value,
  );

export const LowerCase = (): PropertyDecorator =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));
