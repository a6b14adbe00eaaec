/** The closed vocabularies of work requests and listings, shared by DTOs, rules and SQL checks. */

export const OPPORTUNITY_KINDS = ['work_request', 'listing'] as const;
export type OpportunityKind = (typeof OPPORTUNITY_KINDS)[number];

/** `review`: a listing held from trainees until a broker of its organisation decides (scam risk). */
export const OPPORTUNITY_STATUSES = ['draft', 'review', 'open', 'closed', 'filled'] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

/** Statuses whose requests can still change; closed and filled ones are history. */
export const EDITABLE_STATUSES: readonly OpportunityStatus[] = ['draft', 'review', 'open'];

export const ENGAGEMENT_TYPES = ['freelance', 'part_time', 'full_time', 'internship'] as const;
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];

export const WORK_MODES = ['remote', 'onsite', 'hybrid'] as const;
export type WorkMode = (typeof WORK_MODES)[number];

export const BUDGET_TYPES = ['hourly', 'fixed'] as const;
export type BudgetType = (typeof BUDGET_TYPES)[number];

/** CEFR levels in ascending order: the index of a level is its rank. */
export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type CefrLevel = (typeof CEFR_LEVELS)[number];

/** Platforms brokers copy listings from; `other` covers the long tail. */
export const LISTING_SOURCES = [
  'upwork',
  'freelancer',
  'fiverr',
  'toptal',
  'peopleperhour',
  'guru',
  'linkedin',
  'other',
] as const;
export type ListingSource = (typeof LISTING_SOURCES)[number];

export const LIMITS = {
  titleMin: 3,
  titleMax: 200,
  descriptionMax: 20_000,
  skillsMax: 30,
  languagesMax: 20,
  countriesMax: 50,
  radiusKmMax: 500,
  hoursPerWeekMax: 80,
  durationWeeksMax: 260,
  openingsMax: 500,
  sourceUrlMax: 2_000,
  budgetMaxEur: 10_000_000,
} as const;

/** A listing created without a deadline stays open this long (freelance listings go stale). */
export const LISTING_DEFAULT_OPEN_DAYS = 30;
