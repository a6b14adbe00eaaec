import { ValidateBy, type ValidationOptions } from 'class-validator';

const EARLIEST_DATE = '1900-01-01';

/**
 * True for an existing calendar day written `YYYY-MM-DD` (2026-02-30 is not one), from 1900 on:
 * PostgreSQL has no year 0, so `0000-01-01` reached the database and failed there (a 500).
 */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  if (value < EARLIEST_DATE) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** A calendar date `YYYY-MM-DD` that exists. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: () => '$property must be a calendar date like 2026-03-01, from 1900 on',
      },
    },
    options,
  );
}

export const trimString = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
