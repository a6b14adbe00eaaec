/** Plain data the scoring rules read; built from index documents or rows, never from requests. */

export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type CefrLevel = (typeof CEFR_LEVELS)[number];
export const WORK_MODES = ['remote', 'onsite', 'hybrid'] as const;
export type WorkMode = (typeof WORK_MODES)[number];
export const ENGAGEMENT_TYPES = ['freelance', 'part_time', 'full_time', 'internship'] as const;
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];

export interface CandidateSkill {
  skillId: string;
  level: number;
  years?: number;
  verified: boolean;
}

export interface CandidateLanguage {
  code: string;
  level: CefrLevel;
}

/** Inclusion facts a trainee consented to report; absent when there is no consent. */
export interface ConsentedInclusion {
  sex?: 'female' | 'male' | 'other';
  birthYear?: number;
  groups: string[];
}

export interface Candidate {
  id: string;
  skills: CandidateSkill[];
  languages: CandidateLanguage[];
  country?: string;
  lat?: number;
  lng?: number;
  workModes: WorkMode[];
  engagementTypes: EngagementType[];
  hoursPerWeek?: number;
  /** Start of the UTC day (epoch ms) from which the person can start; absent = not stated. */
  availableFrom?: number;
  hourlyRateEur?: number;
  openToWork: boolean;
  /** When the person was last active (epoch ms). */
  lastActiveAt?: number;
  inclusion?: ConsentedInclusion;
}

export interface RequiredSkill {
  skillId: string;
  minLevel: number;
  mustHave: boolean;
}

export interface RequiredLanguage {
  code: string;
  minLevel: CefrLevel;
}

export interface Opportunity {
  id: string;
  status: 'draft' | 'review' | 'open' | 'closed' | 'filled';
  /** When applications close, epoch ms (like every date the rules read); absent = open until closed. */
  deadline?: number;
  skills: RequiredSkill[];
  languages: RequiredLanguage[];
  engagementType: EngagementType;
  workMode: WorkMode;
  countries: string[];
  lat?: number;
  lng?: number;
  radiusKm?: number;
  hoursPerWeek?: number;
  budget?: { type: 'hourly' | 'fixed'; minEur?: number; maxEur?: number };
  programmeId?: string;
}

/** A programme's inclusion priority, e.g. women or youth 15–29 (owned by the training lib). */
export type { ProgrammePriority } from '@app/training';
