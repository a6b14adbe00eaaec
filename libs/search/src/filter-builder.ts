/**
 * Meilisearch filter expressions, built in one place from validated values only.
 *
 * Field names come from the allow-list an index declares (never from input); string values are
 * always double-quoted with `\`, `'` and `"` escaped; numbers must be finite. Every helper returns
 * a {@link FilterExpression}, so a raw string can never be spliced in by accident.
 */

/** A filter fragment produced by a {@link FilterBuilder}; only this module can mint one. */
export class FilterExpression {
  private constructor(readonly text: string) {}

  /** @internal */
  static of(text: string): FilterExpression {
    return new FilterExpression(text);
  }

  toString(): string {
    return this.text;
  }
}

export class FilterBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterBuildError';
  }
}

export type FilterValue = string | number | boolean;
export type ComparisonOperator = '=' | '!=' | '>' | '>=' | '<' | '<=';

const COMPARISONS = new Set<ComparisonOperator>(['=', '!=', '>', '>=', '<', '<=']);
/** Meilisearch attribute paths: letters, digits, `_` and dotted nesting. */
const FIELD_SHAPE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Quotes a string for a filter: `"…"` with backslash, single and double quotes escaped. */
export function quoteFilterString(value: string): string {
  if (typeof value !== 'string') throw new FilterBuildError('filter value must be a string');
  return `"${value.replace(/[\\'"]/g, (c) => `\\${c}`)}"`;
}

function finite(value: number, what: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new FilterBuildError(`${what} must be a finite number`);
  }
  return String(value);
}

function literal(value: FilterValue): string {
  if (typeof value === 'string') return quoteFilterString(value);
  if (typeof value === 'number') return finite(value, 'filter value');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  throw new FilterBuildError('filter value must be a string, number or boolean');
}

/**
 * Builds filters for one index. `fields` is that index's filterable attributes: any other name
 * is a programming error and throws.
 */
export class FilterBuilder<F extends string = string> {
  private readonly allowed: ReadonlySet<string>;

  constructor(fields: readonly F[]) {
    for (const f of fields) {
      if (!FIELD_SHAPE.test(f)) throw new FilterBuildError(`invalid filter field name: ${f}`);
    }
    this.allowed = new Set(fields);
  }

  private field(name: F): string {
    if (!this.allowed.has(name)) throw new FilterBuildError(`field not filterable: ${name}`);
    return name;
  }

  eq(field: F, value: FilterValue): FilterExpression {
    return this.compare(field, '=', value);
  }

  notEq(field: F, value: FilterValue): FilterExpression {
    return this.compare(field, '!=', value);
  }

  compare(field: F, op: ComparisonOperator, value: FilterValue): FilterExpression {
    if (!COMPARISONS.has(op)) throw new FilterBuildError(`unknown operator: ${String(op)}`);
    if (op !== '=' && op !== '!=' && typeof value !== 'number') {
      throw new FilterBuildError(`${op} needs a number`);
    }
    return FilterExpression.of(`${this.field(field)} ${op} ${literal(value)}`);
  }

  /** `field IN [a, b]`; an empty list matches nothing, so it is refused rather than guessed. */
  in(field: F, values: readonly FilterValue[]): FilterExpression {
    if (values.length === 0) throw new FilterBuildError(`IN list for ${field} is empty`);
    return FilterExpression.of(`${this.field(field)} IN [${values.map(literal).join(', ')}]`);
  }

  /** `low <= field <= high` as Meilisearch's `field low TO high`. */
  between(field: F, low: number, high: number): FilterExpression {
    return FilterExpression.of(
      `${this.field(field)} ${finite(low, 'lower bound')} TO ${finite(high, 'upper bound')}`,
    );
  }

  exists(field: F): FilterExpression {
    return FilterExpression.of(`${this.field(field)} EXISTS`);
  }

  /** The field is present with the value `null`. */
  isNull(field: F): FilterExpression {
    return FilterExpression.of(`${this.field(field)} IS NULL`);
  }

  /** The field is an empty array, string or object. */
  isEmpty(field: F): FilterExpression {
    return FilterExpression.of(`${this.field(field)} IS EMPTY`);
  }

  /** Documents within `metres` of a point (needs `_geo` filterable on the index). */
  geoRadius(lat: number, lng: number, metres: number): FilterExpression {
    const la = Number(finite(lat, 'latitude'));
    const ln = Number(finite(lng, 'longitude'));
    const m = Number(finite(metres, 'radius'));
    if (la < -90 || la > 90) throw new FilterBuildError('latitude must be within -90..90');
    if (ln < -180 || ln > 180) throw new FilterBuildError('longitude must be within -180..180');
    if (m < 0) throw new FilterBuildError('radius must not be negative');
    return FilterExpression.of(`_geoRadius(${la}, ${ln}, ${m})`);
  }

  and(...parts: (FilterExpression | undefined)[]): FilterExpression | undefined {
    return group(' AND ', parts);
  }

  or(...parts: (FilterExpression | undefined)[]): FilterExpression | undefined {
    return group(' OR ', parts);
  }

  not(part: FilterExpression): FilterExpression {
    return FilterExpression.of(`NOT (${expression(part)})`);
  }
}

function expression(part: FilterExpression): string {
  if (!(part instanceof FilterExpression)) {
    throw new FilterBuildError('only FilterExpression values can be combined');
  }
  return part.text;
}

/** Joins parts, each in parentheses; undefined parts (absent optional filters) are skipped. */
function group(
  joiner: string,
  parts: (FilterExpression | undefined)[],
): FilterExpression | undefined {
  const present = parts.filter((p): p is FilterExpression => p !== undefined).map(expression);
  if (present.length === 0) return undefined;
  if (present.length === 1) return FilterExpression.of(present[0]);
  return FilterExpression.of(present.map((p) => `(${p})`).join(joiner));
}
