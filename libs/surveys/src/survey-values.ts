/** What a person does now (the survey's first question). */
export const WORK_STATUSES = [
  'employed',
  'self_employed',
  'freelance',
  'in_training',
  'not_working',
] as const;
export type WorkStatus = (typeof WORK_STATUSES)[number];

/** Statuses that count as paid work in reports (and the only ones that may carry an income). */
export const WORKING_STATUSES: readonly WorkStatus[] = ['employed', 'self_employed', 'freelance'];

export const SECTORS = ['ict', 'bpo', 'other'] as const;
export type Sector = (typeof SECTORS)[number];

export const TRIGGER_KINDS = ['training', 'hire'] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/** Bounds of an answer (docs/reporting.md relies on them). */
export const ANSWER_BOUNDS = { incomeMax: 100_000, hoursMax: 168 } as const;

/** A live survey is reminded once this long after it was sent, if still unanswered. */
export const REMINDER_AFTER_MS = 7 * 24 * 60 * 60 * 1000;
/** A live survey closes this long after it was sent. */
export const EXPIRES_AFTER_MS = 30 * 24 * 60 * 60 * 1000;

/** The e-mailed link: the token travels as the `token` query parameter. */
export const SURVEY_LINK_PATH = '/api/surveys/respond';

export interface SurveyAnswer {
  status: WorkStatus;
  monthlyIncomeEur?: number;
  hoursPerWeek?: number;
  sector?: Sector;
  sameEngagement?: boolean;
}
