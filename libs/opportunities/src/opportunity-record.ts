import type { RiskFinding, RiskLevel } from './listing-risk.js';
import type { LanguageRequirement, SkillRequirement } from './opportunity-values.js';
import type {
  BudgetType,
  EngagementType,
  OpportunityKind,
  OpportunityStatus,
  WorkMode,
} from './opportunity-vocabulary.js';

/**
 * A work request (posted by a company) or a listing (brokered from a freelance platform by a
 * membership organisation) as stored, with its skills and languages in the author's order.
 * Listing-only fields are null for work requests.
 */
export interface OpportunityRecord {
  readonly id: string;
  readonly kind: OpportunityKind;
  readonly organisationId: string;
  readonly status: OpportunityStatus;
  readonly title: string;
  readonly description: string;
  readonly engagementType: EngagementType;
  readonly workMode: WorkMode;
  readonly countries: readonly string[];
  /** The town's GeoNames name (canonical), whatever spelling the author typed. */
  readonly city: string | null;
  /** GeoNames id of the town. */
  readonly cityId: number | null;
  /** The town's name in the country's language. */
  readonly cityLocalName: string | null;
  readonly lat: number | null;
  readonly lng: number | null;
  readonly radiusKm: number | null;
  readonly hoursPerWeek: number | null;
  readonly durationWeeks: number | null;
  readonly budgetType: BudgetType | null;
  readonly budgetMinEur: number | null;
  readonly budgetMaxEur: number | null;
  readonly openings: number;
  readonly deadline: Date | null;
  /** Donor programme (no foreign key: see docs/opportunities.md). */
  readonly programmeId: string | null;
  /** The platform a listing comes from (LISTING_SOURCES when written through the API). */
  readonly source: string | null;
  readonly sourceUrl: string | null;
  readonly clientCountry: string | null;
  /** Scam-risk screening of listings (low for work requests); see listing-risk.ts. */
  readonly riskLevel: RiskLevel;
  readonly riskReasons: readonly RiskFinding[];
  readonly version: number;
  readonly createdBy: string | null;
  readonly publishedAt: Date | null;
  readonly closedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly skills: readonly SkillRequirement[];
  readonly languages: readonly LanguageRequirement[];
}

/** What other libs need to know of a request or listing to act on it (hires, openings). */
export interface OpportunityHead {
  readonly id: string;
  readonly kind: OpportunityKind;
  readonly status: OpportunityStatus;
  readonly organisationId: string;
  readonly openings: number;
  readonly title: string;
}

/** Who reads: an organisation sees its own; `open` sees every open one; `all` is for admins. */
export type ReadScope =
  { kind: 'own'; organisationId: string } | { kind: 'open' } | { kind: 'all' };
