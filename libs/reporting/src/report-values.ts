/** Dimensions a report can be broken down by, in the order they are asked for. */
export const REPORT_DIMENSIONS = ['sex', 'ageBand', 'youth', 'country', 'group'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** Age bands at the event date; `under-15` and `undisclosed` are bands too, never guessed. */
export const AGE_BANDS = ['15-24', '25-29', '30+', 'under-15', 'undisclosed'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Youth = 15–29 at the event date (15-24 + 25-29, each person once); everyone else not-youth. */
export const YOUTH_VALUES = ['youth', 'not-youth', 'undisclosed'] as const;
/** The age bands that make up youth. */
export const YOUTH_BANDS: readonly AgeBand[] = ['15-24', '25-29'];
export type YouthValue = (typeof YOUTH_VALUES)[number];

/** The value of every dimension of a person who did not consent to reporting. */
export const UNDISCLOSED = 'undisclosed';
/** The `group` of a consenting person who declared no group. */
export const NO_GROUP = 'none';

/** Counters of people: each is suppressed by the number of people it counts. */
export const PEOPLE_COUNTERS = [
  'registered',
  'trained',
  'certified',
  'matched',
  'hired',
  'hiredSelfEmployed',
  'hiredEmployed',
  'completed',
  'surveyed',
  'employed3m',
  'employed6m',
  'employed12m',
] as const;
export type PeopleCounter = (typeof PEOPLE_COUNTERS)[number];

/** Every published indicator, in the order of the CSV columns after the group columns. */
export const PUBLISHED_COLUMNS = [
  ...PEOPLE_COUNTERS,
  'incomeEurSum',
  'incomeEurMedian',
  'hoursWorked',
  'withPaidWork',
  'incomeMedian6m',
  'responseRate6m',
] as const;

/**
 * One cell of the raw (unsuppressed) table: people counters, the people with paid work after
 * training (numerator of `withPaidWork`) and the money and hours of completed engagements.
 */
export type IndicatorCounts = Record<PeopleCounter, number> & {
  paidWork: number;
  due6m: number;
  answered6m: number;
  incomeMedian6m: number | null;
  incomeEurSum: number;
  incomeEurMedian: number | null;
  hoursWorked: number;
};

export type ReportGroup = Partial<Record<ReportDimension, string>>;

export interface RawIndicatorRow {
  group: ReportGroup;
  counts: IndicatorCounts;
}
