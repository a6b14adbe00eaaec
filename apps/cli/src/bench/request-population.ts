import { TownCatalogue } from '@app/geonames';
import { readFileSync } from 'node:fs';
import { seededRandom } from './profile-population.js';

/** A real job posting (SkillSpan, MIT; see test/fixtures/postings.LICENSE) and its skill labels. */
export interface Posting {
  id: string;
  title: string;
  description: string;
  skillLabels: string[];
}

export function loadPostings(path: string): Posting[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { postings: Posting[] }).postings;
}

/** Resolves free-text labels to skill ids (the taxonomy's resolve rules); null when unknown. */
export type ResolveLabels = (labels: string[]) => Promise<(string | null)[]>;

export interface ResolvedPosting extends Posting {
  skillIds: string[];
}

export async function resolvePostings(
  postings: Posting[],
  resolve: ResolveLabels,
): Promise<ResolvedPosting[]> {
  const out: ResolvedPosting[] = [];
  for (const p of postings) {
    const ids = await resolve(p.skillLabels);
    const skillIds = [...new Set(ids.filter((id): id is string => id !== null))];
    if (skillIds.length > 0) out.push({ ...p, skillIds });
  }
  return out;
}

/** Skills the postings ask for, the most asked first (ties by id, for determinism). */
export function demandedSkills(postings: ResolvedPosting[]): string[] {
  const counts = new Map<string, number>();
  for (const p of postings) for (const id of p.skillIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([id]) => id);
}

const ENGAGEMENTS = ['freelance', 'part_time', 'full_time', 'internship'] as const;
const MODES = ['remote', 'remote', 'hybrid', 'onsite'] as const;
const TOWNS: [string, string][] = [
  ['RS', 'Belgrade'],
  ['RS', 'Novi Sad'],
  ['BA', 'Sarajevo'],
  ['AL', 'Tirana'],
  ['MK', 'Skopje'],
  ['XK', 'Pristina'],
  ['ME', 'Podgorica'],
];
const DAY_MS = 86_400_000;

/**
 * `count` work-request bodies (`POST /api/work-requests`) built from the postings, cycling
 * through them with varied work modes, engagements, towns with radii, languages, levels and
 * budgets: what a company would type after reading the posting.
 */
export function workRequestBodies(
  postings: ResolvedPosting[],
  count: number,
  seed: number,
  now: Date,
): Record<string, unknown>[] {
  const rnd = seededRandom(seed);
  const catalogue = new TownCatalogue();
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i += 1) {
    const p = postings[i % postings.length];
    const workMode = MODES[i % MODES.length];
    const [country, cityName] = TOWNS[Math.floor(rnd() * TOWNS.length)];
    const town = catalogue.find(country, cityName);
    const skills = p.skillIds.slice(0, 2 + Math.floor(rnd() * 4)).map((skillId, j) => ({
      skillId,
      minLevel: j === 0 ? 2 : 1 + Math.floor(rnd() * 3),
      mustHave: j === 0 || (j === 1 && rnd() < 0.3),
    }));
    const languages = [{ code: 'en', minLevel: rnd() < 0.5 ? 'B1' : 'B2' }];
    if (rnd() < 0.15) languages.push({ code: 'de', minLevel: 'A2' });
    out.push({
      title: p.title.slice(0, 200),
      description: p.description.slice(0, 2000),
      skills,
      languages,
      engagementType: ENGAGEMENTS[Math.floor(rnd() * ENGAGEMENTS.length)],
      workMode,
      ...(workMode === 'remote'
        ? rnd() < 0.3
          ? { countries: ['RS', 'BA', 'ME'] }
          : {}
        : {
            countries: [country],
            city: town?.name ?? cityName,
            radiusKm: 50 + Math.floor(rnd() * 150),
          }),
      hoursPerWeek: 10 + Math.floor(rnd() * 31),
      budget: { type: 'hourly', minEur: 8, maxEur: 12 + Math.floor(rnd() * 20) },
      openings: 1 + Math.floor(rnd() * 3),
      deadline: new Date(now.getTime() + (20 + Math.floor(rnd() * 40)) * DAY_MS).toISOString(),
    });
  }
  return out;
}
