import type { FieldError } from '@app/http';
import {
  ANSWER_BOUNDS,
  SECTORS,
  WORK_STATUSES,
  WORKING_STATUSES,
  type SurveyAnswer,
} from './survey-values.js';

const twoDecimals = (n: number): boolean => Math.abs(Math.round(n * 100) - n * 100) < 1e-6;

function amountProblem(value: unknown, max: number): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
  if (value < 0 || value > max) return `must be between 0 and ${max}`;
  if (!twoDecimals(value)) return 'must have at most 2 decimals';
  return undefined;
}

/**
 * The rules of one answer, whatever its source (JSON body or the page's form): each field's
 * type and bounds, and an income only with a working status. Returns the problems naming each
 * field, or the answer.
 */
export function checkSurveyAnswer(
  input: Record<string, unknown>,
): { ok: true; answer: SurveyAnswer } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const known = new Set(['status', 'monthlyIncomeEur', 'hoursPerWeek', 'sector', 'sameEngagement']);
  for (const key of Object.keys(input)) {
    if (!known.has(key)) errors.push({ field: key, message: 'is not a question of this survey' });
  }
  const { status, monthlyIncomeEur, hoursPerWeek, sector, sameEngagement } = input;
  if (!(WORK_STATUSES as readonly unknown[]).includes(status)) {
    errors.push({ field: 'status', message: `must be one of ${WORK_STATUSES.join(', ')}` });
  }
  if (monthlyIncomeEur !== undefined) {
    const problem = amountProblem(monthlyIncomeEur, ANSWER_BOUNDS.incomeMax);
    if (problem !== undefined) errors.push({ field: 'monthlyIncomeEur', message: problem });
    else if (!(WORKING_STATUSES as readonly unknown[]).includes(status)) {
      errors.push({
        field: 'monthlyIncomeEur',
        message: `is asked only with status ${WORKING_STATUSES.join(', ')}`,
      });
    }
  }
  if (hoursPerWeek !== undefined) {
    const problem = amountProblem(hoursPerWeek, ANSWER_BOUNDS.hoursMax);
    if (problem !== undefined) errors.push({ field: 'hoursPerWeek', message: problem });
  }
  if (sector !== undefined && !(SECTORS as readonly unknown[]).includes(sector)) {
    errors.push({ field: 'sector', message: `must be one of ${SECTORS.join(', ')}` });
  }
  if (sameEngagement !== undefined && typeof sameEngagement !== 'boolean') {
    errors.push({ field: 'sameEngagement', message: 'must be true or false' });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, answer: input as unknown as SurveyAnswer };
}

/**
 * The page's form fields as an answer: empty fields are left out, numbers may use a decimal
 * comma (as people write them in the region), yes/no become booleans. What is not a number
 * stays text, so the rules above name the field.
 */
export function answerFromForm(form: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(form)) {
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    const value = raw.trim();
    if (key === 'monthlyIncomeEur' || key === 'hoursPerWeek') {
      const normalised = value.replace(/\s/g, '').replace(',', '.');
      out[key] = /^\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : value;
    } else if (key === 'sameEngagement') {
      out[key] = value === 'yes' ? true : value === 'no' ? false : value;
    } else {
      out[key] = value;
    }
  }
  return out;
}
