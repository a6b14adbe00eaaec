/** The closed vocabularies of a profile, shared by DTO validation, SQL checks and the index. */

export const WORK_MODES = ['remote', 'onsite', 'hybrid'] as const;
export type WorkMode = (typeof WORK_MODES)[number];

export const ENGAGEMENT_TYPES = ['freelance', 'part_time', 'full_time', 'internship'] as const;
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];

/** Who may find and read a profile: nobody else, brokers (and admins), or companies too. */
export const VISIBILITIES = ['private', 'brokers', 'companies'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const DEFAULT_VISIBILITY: Visibility = 'brokers';

/** CEFR levels, lowest first: the order matters for "at least B2" filters. */
export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type CefrLevel = (typeof CEFR_LEVELS)[number];

export const SKILL_LEVEL_MIN = 1;
export const SKILL_LEVEL_MAX = 5;
export const MAX_SKILLS = 50;
export const MAX_LANGUAGES = 20;
export const MAX_PORTFOLIO_ITEMS = 20;

export const SEXES = ['female', 'male', 'other'] as const;
export type Sex = (typeof SEXES)[number];

/**
 * Self-declared groups that donors report on (docs/profiles.md, "Inclusion data"). A closed
 * list, so nothing free-text and identifying can be stored here.
 */
export const INCLUSION_GROUPS = [
  'roma',
  'ashkali',
  'egyptian',
  'disability',
  'rural',
  'returnee',
  'former_prisoner',
  'single_parent',
  'other',
] as const;
export type InclusionGroup = (typeof INCLUSION_GROUPS)[number];

export const BIRTH_YEAR_MIN = 1940;
/** People under 14 cannot hold a profile: the latest plausible birth year for this year. */
export const latestBirthYear = (now: Date = new Date()): number => now.getUTCFullYear() - 14;
