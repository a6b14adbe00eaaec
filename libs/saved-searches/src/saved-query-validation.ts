import { flattenValidationErrors, InputValidationError, type FieldError } from '@app/http';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { asQueryString, type SavedQuery } from './saved-search-kind.js';

/** Parameters of a search that belong to one page of its answer, not to what it looks for. */
const PAGE_PARAMETERS = new Set(['limit', 'cursor']);

/** Prefixes every field of a validation error with `query.`. */
export function inQuery(errors: readonly FieldError[]): FieldError[] {
  return errors.map((e) => ({ ...e, field: `query.${e.field}` }));
}

/**
 * Checks a saved query with the underlying search's own query DTO (the same decorators, the
 * same unknown-parameter rule as the global validation pipe), then with its own parser; any
 * error names `query.<parameter>`. Page parameters (`limit`, `cursor`) are not part of a saved
 * search: they are given when it is run.
 */
export async function checkSavedQuery<D extends object>(
  dtoClass: ClassConstructor<D>,
  raw: Record<string, unknown>,
  parse: (dto: D) => unknown,
): Promise<SavedQuery> {
  const errors: FieldError[] = [];
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (PAGE_PARAMETERS.has(key)) {
      errors.push({ field: `query.${key}`, message: 'is given when the search is run, not saved' });
    } else if (value !== null && value !== undefined) {
      plain[key] = asQueryString(value);
    }
  }
  const dto = plainToInstance(dtoClass, plain);
  errors.push(
    ...inQuery(
      flattenValidationErrors(
        validateSync(dto, {
          whitelist: true,
          forbidNonWhitelisted: true,
          validationError: { target: false, value: false },
        }),
      ),
    ),
  );
  if (errors.length > 0) throw new InputValidationError(errors);
  try {
    await parse(dto);
  } catch (error) {
    if (error instanceof InputValidationError)
      throw new InputValidationError(inQuery(error.errors));
    throw error;
  }
  return plain as SavedQuery;
}
