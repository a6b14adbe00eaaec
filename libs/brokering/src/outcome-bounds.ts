import type { FieldError } from '@app/http';

/**
 * The plausible range of what a hiring party records about an engagement. These figures feed
 * donor reports (hours and income by programme, sex, age and group), so one careless or dishonest
 * entry must not move a programme's totals by billions: every bound lives here, the DTO's
 * per-field limits read them, and the rules that need the match (weeks since the hire, the hours
 * reported) run in {@link outcomeProblems}.
 */
export const OUTCOME_BOUNDS = {
  /** Agreed hourly rate in EUR: well above any ICT/BPO freelance rate in the region or abroad. */
  agreedRateEurMax: 500,
  /** EUR earned over one engagement: above a senior full-time salary for several years. */
  incomeEurMax: 100_000,
  /**
   * Hours of one engagement when nothing else bounds them: about five years of full-time work.
   * The weeks of the engagement bound them far more tightly (below).
   */
  hoursWorkedMax: 10_000,
  /** Nobody works more than every hour of a week. */
  hoursPerWeekMax: 168,
  /** Trainee rating given by the hiring party. */
  ratingMin: 1,
  ratingMax: 5,
} as const;

const DAY_MS = 86_400_000;

/** What a move's outcome is judged against: the engagement as recorded on the match. */
export interface EngagementFacts {
  /** When the hire was recorded; null before a hire. */
  hiredAt: Date | null;
  /** The opportunity's planned length, when it states one. */
  durationWeeks: number | null;
  /** When the outcome is recorded (the completion). */
  now: Date;
}

/**
 * The weeks an engagement may have lasted: whole weeks since the hire (at least one, a hire and
 * its completion are often recorded together after the fact), or the opportunity's planned
 * duration when that is longer. Undefined when neither is known.
 */
export function engagementWeeks(facts: EngagementFacts): number | undefined {
  const planned = facts.durationWeeks ?? 0;
  if (facts.hiredAt === null) return planned > 0 ? planned : undefined;
  const elapsed = Math.max(
    1,
    Math.ceil((facts.now.getTime() - facts.hiredAt.getTime()) / (7 * DAY_MS)),
  );
  return Math.max(elapsed, planned);
}

/**
 * Outcome values that break the rules needing the engagement's facts (the per-field ranges are
 * checked by the DTO): hours beyond 168 per week of the engagement, and income beyond the hourly
 * ceiling times the hours reported (nobody earns more per hour than any rate we accept, and
 * nobody is paid for no hours). Each problem names its field.
 */
export function outcomeProblems(
  fields: { hoursWorked?: number; incomeEur?: number },
  facts: EngagementFacts,
): FieldError[] {
  const problems: FieldError[] = [];
  const { hoursWorked, incomeEur } = fields;
  if (hoursWorked !== undefined) {
    const weeks = engagementWeeks(facts);
    const max =
      weeks === undefined
        ? OUTCOME_BOUNDS.hoursWorkedMax
        : Math.min(OUTCOME_BOUNDS.hoursWorkedMax, weeks * OUTCOME_BOUNDS.hoursPerWeekMax);
    if (hoursWorked > max) {
      problems.push({
        field: 'hoursWorked',
        message:
          weeks === undefined
            ? `hoursWorked must not be greater than ${max}`
            : `hoursWorked must not be greater than ${max} (${OUTCOME_BOUNDS.hoursPerWeekMax} hours in each of the ${weeks} weeks of the engagement)`,
      });
    }
  }
  if (hoursWorked !== undefined && incomeEur !== undefined) {
    const max = Math.round(hoursWorked * OUTCOME_BOUNDS.agreedRateEurMax * 100) / 100;
    if (incomeEur > max) {
      problems.push({
        field: 'incomeEur',
        message: `incomeEur must not be greater than ${max} (€${OUTCOME_BOUNDS.agreedRateEurMax} for each of the ${hoursWorked} hours worked)`,
      });
    }
  }
  return problems;
}
