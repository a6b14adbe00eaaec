import { flattenValidationErrors, InputValidationError, type FieldError } from '@app/http';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { ListingProvenanceDto } from './dto/opportunity-input.dto.js';
import { endOfDayIfDate } from './dto/validators.js';
import { CEFR_LEVELS } from './opportunity-vocabulary.js';

/** CSV header names, which are also the JSON keys of an imported row. */
export const IMPORT_COLUMNS = [
  'title',
  'description',
  'skills',
  'source',
  'sourceUrl',
  'clientCountry',
  'engagementType',
  'workMode',
  'countries',
  'languages',
  'hoursPerWeek',
  'durationWeeks',
  'budgetType',
  'budgetMinEur',
  'budgetMaxEur',
  'openings',
  'deadline',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** A file without these columns cannot describe a single listing. */
export const REQUIRED_IMPORT_COLUMNS: readonly ImportColumn[] = [
  'title',
  'description',
  'skills',
  'source',
  'sourceUrl',
  'engagementType',
  'workMode',
];

/** One row as it came in, keyed by column; `row` counts data rows from 1. */
export interface RawImportRow {
  row: number;
  values: Partial<Record<ImportColumn, unknown>>;
  /** A problem found while reading the row itself (e.g. a wrong number of CSV fields). */
  problem?: FieldError;
}

/** A row whose fields are valid; its skills are still free-text labels. */
export interface ParsedImportRow {
  row: number;
  listing: ListingProvenanceDto;
  skillLabels: string[];
}

export type RowOutcome = { ok: true; row: ParsedImportRow } | { ok: false; errors: FieldError[] };

const KNOWN_COLUMNS = new Set<string>(IMPORT_COLUMNS);

function checkColumns(names: string[]): void {
  const errors: FieldError[] = [];
  for (const name of names) {
    if (!KNOWN_COLUMNS.has(name)) {
      errors.push({ field: 'body', message: `unknown column "${name}"` });
    }
  }
  for (const name of REQUIRED_IMPORT_COLUMNS) {
    if (!names.includes(name)) errors.push({ field: 'body', message: `missing column "${name}"` });
  }
  if (errors.length > 0) throw new InputValidationError(errors);
}

/** Reads a CSV file with a header row; a row with the wrong number of fields is an error of that row only. */
export function readCsvRows(text: string): RawImportRow[] {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as string[][];
  } catch (error) {
    throw new InputValidationError([
      { field: 'body', message: `is not valid CSV: ${(error as Error).message}` },
    ]);
  }
  if (records.length === 0) {
    throw new InputValidationError([{ field: 'body', message: 'needs a header row' }]);
  }
  const [header, ...data] = records;
  checkColumns(header);
  return data.map((fields, i) => {
    const row = i + 1;
    const values: RawImportRow['values'] = {};
    header.forEach((name, c) => {
      values[name as ImportColumn] = fields[c] ?? '';
    });
    return fields.length === header.length
      ? { row, values }
      : {
          row,
          values,
          problem: {
            field: 'row',
            message: `has ${fields.length} fields where the header has ${header.length}`,
          },
        };
  });
}

/** Reads a JSON array of row objects keyed like the CSV columns. */
export function readJsonRows(body: unknown): RawImportRow[] {
  if (!Array.isArray(body)) {
    throw new InputValidationError([
      { field: 'body', message: 'must be a JSON array of rows or a text/csv file' },
    ]);
  }
  return body.map((item: unknown, i) => {
    const row = i + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return { row, values: {}, problem: { field: 'row', message: 'must be an object' } };
    }
    const unknown = Object.keys(item).filter((k) => !KNOWN_COLUMNS.has(k));
    return unknown.length > 0
      ? {
          row,
          values: {},
          problem: { field: unknown[0], message: `${unknown[0]} is not an import column` },
        }
      : { row, values: item as RawImportRow['values'] };
  });
}

const isBlank = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** `a;b` or `["a","b"]` → trimmed non-empty items; anything else is returned as is to be refused. */
function list(v: unknown): unknown {
  if (isBlank(v)) return undefined;
  if (typeof v === 'string') {
    return v
      .split(';')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
  return v;
}

/** Numbers may arrive as JSON numbers or CSV text; text that is no number stays text and fails. */
function numeric(v: unknown): unknown {
  if (isBlank(v)) return undefined;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v.trim());
  return v;
}

function text(v: unknown): unknown {
  return isBlank(v) ? undefined : v;
}

/** A date alone (`2027-01-31`) means the end of that day, UTC, as in the JSON API. */
function deadline(v: unknown): unknown {
  return isBlank(v) ? undefined : endOfDayIfDate(v);
}

const LANGUAGE_ITEM = /^([A-Za-z]{2})\s*:\s*([A-Ca-c][12])$/;

function languages(v: unknown): { value?: unknown; error?: FieldError } {
  const items = list(v);
  if (items === undefined) return {};
  if (!Array.isArray(items))
    return { error: { field: 'languages', message: 'must look like en:B2;de:B1' } };
  const out: { code: string; minLevel: string }[] = [];
  for (const item of items) {
    const m = typeof item === 'string' ? LANGUAGE_ITEM.exec(item.trim()) : null;
    if (m === null || !(CEFR_LEVELS as readonly string[]).includes(m[2].toUpperCase())) {
      return {
        error: {
          field: 'languages',
          message: `"${String(item)}" must look like en:B2 (CEFR A1..C2)`,
        },
      };
    }
    out.push({ code: m[1].toLowerCase(), minLevel: m[2].toUpperCase() });
  }
  return { value: out };
}

/** Nested DTO paths back to the flat column a user can find in their file. */
function columnOf(field: string): string {
  if (field.startsWith('budget.')) {
    const part = field.slice('budget.'.length);
    return part === 'type' ? 'budgetType' : part === 'minEur' ? 'budgetMinEur' : 'budgetMaxEur';
  }
  if (field === 'budget') return 'budgetType';
  return field.replace(/\[\d+\].*$/, '');
}

/**
 * Turns one raw row into a listing DTO validated exactly like `POST /api/listings` (minus the
 * skills, which are labels here and resolved later), or into the row's field errors.
 */
export function parseImportRow(raw: RawImportRow): RowOutcome {
  if (raw.problem !== undefined) return { ok: false, errors: [raw.problem] };
  const v = raw.values;
  const errors: FieldError[] = [];
  const lang = languages(v.languages);
  if (lang.error !== undefined) errors.push(lang.error);
  const budgetGiven = !isBlank(v.budgetMinEur) || !isBlank(v.budgetMaxEur);
  if (isBlank(v.budgetType) && budgetGiven) {
    errors.push({
      field: 'budgetType',
      message: 'budgetType is needed with budgetMinEur or budgetMaxEur',
    });
  }
  const skills = list(v.skills);
  const skillLabels =
    Array.isArray(skills) && skills.every((s) => typeof s === 'string')
      ? [...new Set(skills.map((s: string) => s.trim()).filter((s) => s !== ''))]
      : undefined;
  // An empty skills column is allowed: the import then looks for skills in title and description.
  if (skillLabels === undefined && !isBlank(v.skills)) {
    errors.push({
      field: 'skills',
      message: 'skills must list skill labels, separated by ;',
    });
  }
  const plain = {
    title: text(v.title),
    description: text(v.description) ?? '',
    source: text(v.source),
    sourceUrl: text(v.sourceUrl),
    clientCountry: text(v.clientCountry),
    engagementType: text(v.engagementType),
    workMode: text(v.workMode),
    countries: list(v.countries),
    languages: lang.value,
    hoursPerWeek: numeric(v.hoursPerWeek),
    durationWeeks: numeric(v.durationWeeks),
    budget: isBlank(v.budgetType)
      ? undefined
      : { type: v.budgetType, minEur: numeric(v.budgetMinEur), maxEur: numeric(v.budgetMaxEur) },
    openings: numeric(v.openings),
    deadline: deadline(v.deadline),
  };
  const listing = plainToInstance(ListingProvenanceDto, plain);
  for (const e of flattenValidationErrors(validateSync(listing, { forbidUnknownValues: false }))) {
    errors.push({ field: columnOf(e.field), message: e.message });
  }
  if (errors.length > 0) return { ok: false, errors: dedupeByField(errors) };
  return { ok: true, row: { row: raw.row, listing, skillLabels: skillLabels ?? [] } };
}

/** One message per column keeps the report readable for a user fixing a spreadsheet. */
function dedupeByField(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.field) ? false : (seen.add(e.field), true)));
}
