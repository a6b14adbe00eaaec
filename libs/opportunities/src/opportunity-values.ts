import type {
  BudgetType,
  CefrLevel,
  EngagementType,
  ListingSource,
  WorkMode,
} from './opportunity-vocabulary.js';
import type { ListingRisk } from './listing-risk.js';

export interface SkillRequirement {
  skillId: string;
  minLevel: number;
  mustHave: boolean;
}

export interface LanguageRequirement {
  code: string;
  minLevel: CefrLevel;
}

export interface Budget {
  type: BudgetType;
  minEur: number | null;
  maxEur: number | null;
}

export interface ListingProvenance {
  source: ListingSource;
  sourceUrl: string;
  clientCountry: string | null;
}

/** Everything an author decides about a request or listing, validated and normalised. */
export interface OpportunityValues {
  title: string;
  description: string;
  skills: SkillRequirement[];
  languages: LanguageRequirement[];
  engagementType: EngagementType;
  workMode: WorkMode;
  countries: string[];
  city: string | null;
  radiusKm: number | null;
  hoursPerWeek: number | null;
  durationWeeks: number | null;
  budget: Budget | null;
  openings: number;
  deadline: Date | null;
  programmeId: string | null;
}

/** Coordinates of `city`, looked up when it is set. */
export interface GeoPoint {
  lat: number;
  lng: number;
}

/** The town `city` names: where it is, its GeoNames id and its name in the country's language. */
export interface TownLocation extends GeoPoint {
  cityId: number;
  cityLocalName: string;
}

export interface OpportunityWrite extends OpportunityValues {
  location: TownLocation | null;
  listing: ListingProvenance | null;
  /** The listing's scam-risk screening; absent means low (work requests). */
  risk?: ListingRisk;
}
