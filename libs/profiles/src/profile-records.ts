import type {
  CefrLevel,
  EngagementType,
  InclusionGroup,
  Sex,
  Visibility,
  WorkMode,
} from './profile-values.js';

/** A skill on a profile, named in the answer's language (null when the taxonomy has no name). */
export interface ProfileSkillRecord {
  readonly skillId: string;
  readonly name: string | null;
  /** The higher of the declared and the certified level: what search and matching read. */
  readonly level: number;
  readonly years: number | null;
  /** Backed by evidence (a certificate or a completed course); the trainee cannot set it. */
  readonly verified: boolean;
}

export interface ProfileLanguageRecord {
  /** ISO 639-1, lower case. */
  readonly code: string;
  readonly level: CefrLevel;
}

export interface PortfolioItem {
  readonly title: string;
  readonly url: string;
}

/**
 * A profile as brokers, companies and admins may read it when its visibility lets them: no
 * e-mail, no inclusion data, no coordinates, no visibility or version.
 */
export interface PublicProfileRecord {
  readonly id: string;
  /** The owner's display name (identity holds it); null once erased. */
  readonly displayName: string | null;
  readonly headline: string | null;
  readonly bio: string | null;
  readonly country: string | null;
  /** The town's GeoNames name, whatever spelling the trainee typed. */
  readonly city: string | null;
  readonly cityId: number | null;
  /** The town's name in the country's language. */
  readonly cityLocalName: string | null;
  readonly skills: readonly ProfileSkillRecord[];
  readonly languages: readonly ProfileLanguageRecord[];
  readonly workModes: readonly WorkMode[];
  readonly engagementTypes: readonly EngagementType[];
  readonly hoursPerWeek: number | null;
  /** `YYYY-MM-DD` (a calendar date, no time zone). */
  readonly availableFrom: string | null;
  readonly hourlyRateEur: number | null;
  readonly portfolio: readonly PortfolioItem[];
  readonly openToWork: boolean;
  readonly lastActiveAt: Date;
}

/** The whole profile: what its owner reads, and what scoring on the server reads. */
export interface ProfileRecord extends PublicProfileRecord {
  readonly visibility: Visibility;
  /** The town's coordinates, when a town is set. */
  readonly location: { readonly lat: number; readonly lng: number } | null;
  /** Optimistic-concurrency counter (the ETag of `GET /api/profiles/me`). */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * What another lib shows of a person beside its own records (a match): who owns the profile,
 * whether it is erased, who may see it, and its headline facts. The caller decides from
 * `erased` and `visibility` what its reader may see.
 */
export interface ProfileSummary {
  readonly id: string;
  /** The owning trainee's user id; null once erased. */
  readonly userId: string | null;
  readonly erased: boolean;
  readonly visibility: Visibility;
  readonly displayName: string | null;
  readonly headline: string | null;
  readonly country: string | null;
  readonly city: string | null;
}

/** Inclusion data, held only with consent; shown to nobody but the person (their export). */
export interface InclusionRecord {
  readonly sex: Sex | null;
  readonly birthYear: number | null;
  readonly groups: readonly InclusionGroup[];
  readonly consentedAt: Date;
  readonly updatedAt: Date;
}

/** Everything held about a trainee, for their own export. */
export interface ProfileExportRecord {
  readonly exportedAt: Date;
  readonly account: {
    readonly id: string;
    readonly email: string;
    readonly displayName: string | null;
    readonly role: string;
    readonly createdAt: Date;
  };
  readonly profile: ProfileRecord;
  readonly inclusion: InclusionRecord | null;
}

/** A skill at the level evidence backs. */
export interface CertifiedSkill {
  readonly skillId: string;
  readonly level: number;
}

/** A skill at a level in a country (null: any country). */
export interface SkillSupplyCell {
  readonly skillId: string;
  readonly country: string | null;
  readonly level: number;
}

/** How many people open to work hold the cell's skill at its level or above, and with a certificate. */
export interface SkillSupply extends SkillSupplyCell {
  readonly people: number;
  readonly verified: number;
}

/** A facet value of talent search and how many profiles hold it (skills carry their name). */
export interface TalentFacetValue {
  readonly value: string;
  readonly count: number;
  readonly name?: string;
}

/** One page of talent search: the profiles shown, the facets counted, the next page's cursor. */
export interface TalentSearchResult {
  readonly items: readonly PublicProfileRecord[];
  readonly facets: {
    readonly skills: readonly TalentFacetValue[];
    readonly countries: readonly TalentFacetValue[];
    readonly languages: readonly TalentFacetValue[];
    readonly verified: readonly TalentFacetValue[];
  };
  readonly nextCursor: string | null;
}
