import { TownCatalogue, type Town } from '@app/geonames';
import { readFileSync } from 'node:fs';
import { BALKAN_NAMES } from '../bench/balkan-names.js';
import { seededRandom, type Random, type SeedProfile } from '../bench/profile-population.js';

/**
 * The demo's people and opportunities, built from ESCO occupations (data/demo/occupations.json):
 * a trainee has an occupation (its label is the headline) and that occupation's skills; a work
 * request or listing asks for one occupation's core skills; and for every open opportunity some
 * people are made to fit it and some to miss exactly one must-have skill a demo course teaches.
 * Pure and seeded: the same occupations, companies, seed and day give the same plan.
 */

export interface DemoSkillRef {
  label: string;
  escoUri: string;
  /** The taxonomy's skill this ESCO skill is merged into (by name), when it is not its own. */
  taxonomyName?: string;
}

/** One ESCO occupation as vendored; `core` are ESCO skill URIs among its essential skills. */
export interface DemoOccupation {
  escoUri: string;
  label: string;
  iscoCode: string;
  description: string;
  core: string[];
  essential: DemoSkillRef[];
  optional: DemoSkillRef[];
}

/** An occupation with its skills as taxonomy ids (ESCO URIs the taxonomy lacks are left out). */
export interface ResolvedOccupation {
  label: string;
  headline: string;
  description: string;
  /** Must-haves of its opportunities and what its course teaches; the first is what near misses lack. */
  core: string[];
  essential: string[];
  optional: string[];
}

export function loadDemoOccupations(path: string): DemoOccupation[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { occupations: DemoOccupation[] }).occupations;
}

/** The taxonomy's skill of an ESCO skill: by URI, or by the name of the skill it is merged into. */
export type SkillIdOf = (ref: DemoSkillRef) => string | undefined;

export function resolveOccupations(
  occupations: DemoOccupation[],
  idOf: SkillIdOf,
): ResolvedOccupation[] {
  const ids = (refs: DemoSkillRef[]) => [
    ...new Set(refs.map(idOf).filter((id): id is string => id !== undefined)),
  ];
  return occupations.map((o) => {
    const core = ids(
      o.core.map(
        (uri) => o.essential.find((s) => s.escoUri === uri) ?? { label: '', escoUri: uri },
      ),
    );
    if (core.length < 3) throw new Error(`the taxonomy lacks core skills of ${o.label}`);
    const essential = ids(o.essential);
    return {
      label: o.label,
      headline: o.label.charAt(0).toUpperCase() + o.label.slice(1),
      description: o.description,
      core,
      essential: [...new Set([...core, ...essential])],
      optional: ids(o.optional).filter((id) => !essential.includes(id)),
    };
  });
}

/** A company of the demo with the occupation it hires for and the town it sits in. */
export interface DemoEmployer {
  key: string;
  name: string;
  country: string;
  city: string;
  occupation: string;
}

export type DemoCastRole = 'fit' | 'near' | 'other';

export interface DemoProfile extends SeedProfile {
  occupation: string;
  /** `fit`: made to meet every opportunity of its occupation; `near`: lacks the first core skill. */
  role: DemoCastRole;
}

export type Engagement = 'freelance' | 'part_time' | 'full_time' | 'internship';
const ENGAGEMENTS: Engagement[] = ['freelance', 'part_time', 'full_time', 'internship'];
const ENGAGEMENT_LABEL: Record<Engagement, string> = {
  freelance: 'freelance',
  part_time: 'part-time',
  full_time: 'full-time',
  internship: 'internship',
};

/** Weekly hours that fit the engagement: full time 35–40, part time 10–30, internships 20–40. */
export function hoursFor(engagement: Engagement, rnd: Random): number {
  const [min, max] = {
    full_time: [35, 40],
    part_time: [10, 30],
    internship: [20, 40],
    freelance: [5, 40],
  }[engagement];
  return min + Math.floor(rnd() * (max - min + 1));
}

/** "a" or "an" before a label ("an ICT help desk agent", "a web developer"). */
const article = (label: string): string => (/^(?:[aeiou]|ict\b)/i.test(label) ? 'an' : 'a');
const pick = <T>(rnd: Random, items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
/** Skewed towards the start of the list (most common first), like real name frequencies. */
const pickSkewed = <T>(rnd: Random, items: readonly T[]): T =>
  items[Math.floor(rnd() ** 2.2 * items.length)];

const COUNTRIES = ['RS', 'RS', 'RS', 'BA', 'BA', 'AL', 'AL', 'XK', 'MK', 'MK', 'ME'];
const WORK_MODES = ['remote', 'onsite', 'hybrid'];
const LEVELS = ['A2', 'B1', 'B2', 'B2', 'C1', 'C2'];
const GROUPS = ['roma', 'rural', 'disability', 'returnee', 'single_parent'];
const SEXES = [
  ...Array.from({ length: 29 }, () => 'female'),
  ...Array.from({ length: 20 }, () => 'male'),
  'other',
];
/** People fitted to each employer's opportunities, and people one course away from them. */
export const FITS_PER_EMPLOYER = 3;
export const NEAR_MISSES_PER_EMPLOYER = 2;
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
 * `count` trainees. The first ones are each employer's cast: `FITS_PER_EMPLOYER` people of its
 * occupation in its town who meet every constraint its requests and listings set, and
 * `NEAR_MISSES_PER_EMPLOYER` alike but without the occupation's first core skill. The others
 * have an occupation drawn from all, a town anywhere and preferences of their own.
 */
export function generateDemoProfiles(
  count: number,
  seed: number,
  occupations: ResolvedOccupation[],
  employers: DemoEmployer[],
  now: Date,
): DemoProfile[] {
  const rnd = seededRandom(seed);
  const catalogue = new TownCatalogue();
  const towns = new Map(COUNTRIES.map((c) => [c, catalogue.largest(c, 12)]));
  const byLabel = new Map(occupations.map((o) => [o.label, o]));
  const cast: { employer: DemoEmployer; role: DemoCastRole }[] = [];
  for (let k = 0; k < FITS_PER_EMPLOYER + NEAR_MISSES_PER_EMPLOYER; k += 1) {
    for (const employer of employers)
      cast.push({ employer, role: k < FITS_PER_EMPLOYER ? 'fit' : 'near' });
  }
  const out: DemoProfile[] = [];
  for (let i = 0; i < count; i += 1) {
    const part = cast[i];
    const occupation =
      part === undefined
        ? pick(rnd, occupations)
        : (byLabel.get(part.employer.occupation) as ResolvedOccupation);
    const role: DemoCastRole = part?.role ?? 'other';
    const country = part?.employer.country ?? pick(rnd, COUNTRIES);
    const town: Town =
      part === undefined
        ? pickSkewed(rnd, towns.get(country) ?? [])
        : (catalogue.find(part.employer.country, part.employer.city) as Town);
    const names = BALKAN_NAMES[country];
    const forenames = names.forenames.length > 0 ? names.forenames : BALKAN_NAMES.AL.forenames;
    const script = (country === 'RS' || country === 'MK') && rnd() < 0.4 ? 0 : 1;
    const displayName = `${pick(rnd, forenames)[script]} ${pickSkewed(rnd, names.surnames)[script]}`;
    const skills = new Map<string, { skillId: string; level: number; years: number | null }>();
    const add = (skillId: string, min: number, max: number) =>
      skills.set(skillId, {
        skillId,
        level: min + Math.floor(rnd() * (max - min + 1)),
        years: rnd() < 0.3 ? null : Math.floor(rnd() * 6),
      });
    for (const [j, skillId] of occupation.core.entries()) {
      if (role === 'near' && j === 0) continue;
      if (role === 'other' && rnd() < 0.3) continue;
      add(skillId, role === 'other' ? 1 : 3, 4);
    }
    for (const skillId of occupation.essential) {
      if (!skills.has(skillId) && !occupation.core.includes(skillId) && rnd() < 0.35)
        add(skillId, 1, 4);
    }
    const optional = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < optional && occupation.optional.length > 0; k += 1)
      add(pick(rnd, occupation.optional), 1, 3);
    if (skills.size === 0) add(occupation.core[1], 1, 3);
    const cast_ = role !== 'other';
    const languages = [{ code: 'en', level: cast_ ? 'C1' : pick(rnd, LEVELS) }];
    if (rnd() < 0.35) languages.push({ code: 'de', level: pick(rnd, LEVELS) });
    if (rnd() < 0.15) languages.push({ code: 'it', level: pick(rnd, LEVELS) });
    const engagementTypes = cast_ ? [...ENGAGEMENTS] : subset(rnd, ENGAGEMENTS, 1);
    const fullTime = engagementTypes.includes('full_time');
    const visibilityRoll = rnd();
    out.push({
      email: '',
      displayName,
      headline: occupation.headline,
      occupation: occupation.label,
      role,
      country,
      city: town.name,
      lat: town.lat,
      lng: town.lng,
      workModes: cast_ ? [...WORK_MODES] : subset(rnd, WORK_MODES, 1),
      engagementTypes,
      hoursPerWeek: fullTime
        ? hoursFor('full_time', rnd)
        : hoursFor(pick(rnd, engagementTypes) as Engagement, rnd),
      availableFrom:
        cast_ || rnd() < 0.2
          ? null
          : new Date(now.getTime() + Math.floor(rnd() * 120 - 30) * DAY_MS)
              .toISOString()
              .slice(0, 10),
      hourlyRateEur: rnd() < 0.2 ? null : Math.round((5 + rnd() * 25) * 2) / 2,
      openToWork: cast_ || rnd() < 0.85,
      visibility: cast_
        ? 'companies'
        : visibilityRoll < 0.1
          ? 'private'
          : visibilityRoll < 0.45
            ? 'brokers'
            : 'companies',
      lastActiveAt: new Date(now.getTime() - Math.floor(rnd() * 200 * DAY_MS)).toISOString(),
      skills: [...skills.values()],
      verifiedSkillIds: [],
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

/**
 * The skills an opportunity for `occupation` asks for: the first core skill a must-have at level
 * 2 (what its course teaches at 3), the second sometimes a must-have too, the third and another
 * essential skill nice to have.
 */
function askedSkills(
  occupation: ResolvedOccupation,
  rnd: Random,
  secondMustHave: boolean,
): { skillId: string; minLevel: number; mustHave: boolean }[] {
  const others = occupation.essential.filter((id) => !occupation.core.includes(id));
  const extra = others.length > 0 ? [pick(rnd, others)] : [];
  return [
    { skillId: occupation.core[0], minLevel: 2, mustHave: true },
    { skillId: occupation.core[1], minLevel: 2, mustHave: secondMustHave },
    { skillId: occupation.core[2], minLevel: 1, mustHave: false },
    ...extra.map((skillId) => ({ skillId, minLevel: 1, mustHave: false })),
  ];
}

/**
 * A work request body (`POST /api/work-requests`) for the employer's occupation: on site or
 * hybrid in its own town, or remote (in its own country or anywhere), with hours that fit the
 * engagement.
 */
export function demoRequestBody(
  employer: DemoEmployer,
  occupation: ResolvedOccupation,
  variant: number,
  rnd: Random,
  now: Date,
): Record<string, unknown> {
  const engagement = pick(rnd, ENGAGEMENTS);
  const workMode = variant % 2 === 0 ? pick(rnd, ['onsite', 'hybrid']) : 'remote';
  const place =
    workMode === 'remote'
      ? rnd() < 0.5
        ? { countries: [employer.country] }
        : {}
      : {
          countries: [employer.country],
          city: employer.city,
          radiusKm: 30 + Math.floor(rnd() * 120),
        };
  const where =
    workMode === 'remote' ? 'remote' : `${workMode.replace('onsite', 'on site')}, ${employer.city}`;
  return {
    title: `${occupation.headline} (${ENGAGEMENT_LABEL[engagement]}, ${where})`,
    description:
      `${employer.name} (${employer.city}) is hiring ${article(occupation.label)} ${occupation.label}. ` +
      `${occupation.description}`.slice(0, 2000),
    skills: askedSkills(occupation, rnd, rnd() < 0.4),
    languages: [{ code: 'en', minLevel: rnd() < 0.5 ? 'B1' : 'B2' }],
    engagementType: engagement,
    workMode,
    ...place,
    hoursPerWeek: hoursFor(engagement, rnd),
    budget: { type: 'hourly', minEur: 8, maxEur: 12 + Math.floor(rnd() * 20) },
    openings: 1 + Math.floor(rnd() * 3),
    deadline: new Date(now.getTime() + (20 + Math.floor(rnd() * 40)) * DAY_MS).toISOString(),
  };
}

/** A freelance listing body (`POST /api/listings`, without source fields) for an occupation. */
export function demoListingBody(
  occupation: ResolvedOccupation,
  clientCountry: string,
  rnd: Random,
  now: Date,
): Record<string, unknown> {
  return {
    title: `${occupation.headline} for a client in ${clientCountry} (freelance, remote)`,
    description:
      `A client in ${clientCountry} looks for a freelance ${occupation.label}. ${occupation.description}`.slice(
        0,
        2000,
      ),
    skills: askedSkills(occupation, rnd, false),
    languages: [{ code: 'en', minLevel: 'B1' }],
    engagementType: 'freelance',
    workMode: 'remote',
    countries: ['AL', 'BA', 'XK', 'ME', 'MK', 'RS'],
    hoursPerWeek: hoursFor('freelance', rnd),
    budget: { type: 'hourly', minEur: 10, maxEur: 15 + Math.floor(rnd() * 25) },
    openings: 1 + Math.floor(rnd() * 3),
    deadline: new Date(now.getTime() + (20 + Math.floor(rnd() * 40)) * DAY_MS).toISOString(),
    clientCountry,
  };
}
