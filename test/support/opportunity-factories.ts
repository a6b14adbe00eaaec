import { IMPORT_COLUMNS } from '@app/opportunities';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app.js';
import type { SignedIn } from './factories.js';

/**
 * Work requests and listings built from real job postings (SkillSpan, MIT; see
 * test/fixtures/postings.LICENSE), with skills resolved through the taxonomy like users' input.
 */
export interface Posting {
  id: string;
  title: string;
  description: string;
  skillLabels: string[];
}

let cached: Posting[] | undefined;

export function loadPostings(): Posting[] {
  cached ??= (
    JSON.parse(readFileSync(new URL('../fixtures/postings.json', import.meta.url), 'utf8')) as {
      postings: Posting[];
    }
  ).postings;
  return cached;
}

/** Labels → skill ids through the public resolve endpoint; unknown labels come back null. */
export async function resolveLabels(
  t: TestApp,
  as: SignedIn,
  labels: string[],
): Promise<{ label: string; skillId: string | null }[]> {
  const res = await t.http
    .post('/api/skills/resolve')
    .auth(as.accessToken, { type: 'bearer' })
    .send({ labels });
  if (res.status !== 200) throw new Error(`resolve failed: ${res.status} ${res.text}`);
  return (res.body as { label: string; skill: { id: string } | null }[]).map((r) => ({
    label: r.label,
    skillId: r.skill?.id ?? null,
  }));
}

/** A posting with the labels the taxonomy knows and the ones it does not. */
export interface ResolvedPosting extends Posting {
  known: { label: string; skillId: string }[];
  unknown: string[];
}

export async function resolvedPostings(
  t: TestApp,
  as: SignedIn,
  count: number,
): Promise<ResolvedPosting[]> {
  const out: ResolvedPosting[] = [];
  for (const p of loadPostings()) {
    const resolved = await resolveLabels(t, as, p.skillLabels);
    const seen = new Set<string>();
    const known = resolved.filter(
      (r): r is { label: string; skillId: string } =>
        r.skillId !== null && !seen.has(r.skillId) && (seen.add(r.skillId), true),
    );
    const unknown = resolved.filter((r) => r.skillId === null).map((r) => r.label);
    if (known.length >= 2 && unknown.length >= 1) out.push({ ...p, known, unknown });
    if (out.length === count) break;
  }
  if (out.length < count) throw new Error(`only ${out.length} postings resolve`);
  return out;
}

export const inDays = (days: number): string =>
  new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString();

export function makeWorkRequestBody(
  posting: ResolvedPosting,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    title: posting.title,
    description: posting.description,
    skills: posting.known.slice(0, 5).map((k, i) => ({
      skillId: k.skillId,
      minLevel: 3,
      mustHave: i < 2,
    })),
    languages: [{ code: 'en', minLevel: 'B2' }],
    engagementType: 'full_time',
    workMode: 'hybrid',
    countries: ['RS'],
    city: 'Novi Sad',
    radiusKm: 30,
    hoursPerWeek: 40,
    durationWeeks: 26,
    budget: { type: 'hourly', minEur: 12, maxEur: 20 },
    openings: 2,
    deadline: inDays(30),
    ...overrides,
  };
}

let urlSequence = 0;
export function uniqueSourceUrl(host = 'www.upwork.com'): string {
  urlSequence += 1;
  return `https://${host}/jobs/~${urlSequence}${randomBytes(4).toString('hex')}`;
}

export function makeListingBody(
  posting: ResolvedPosting,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const {
    city: _city,
    radiusKm: _radius,
    ...base
  } = makeWorkRequestBody(posting, {
    engagementType: 'freelance',
    workMode: 'remote',
    countries: ['XK', 'AL'],
  });
  return {
    ...base,
    source: 'upwork',
    sourceUrl: uniqueSourceUrl(),
    clientCountry: 'DE',
    ...overrides,
  };
}

/** One import row keyed by column, from a posting; `skills` joins the given labels with `;`. */
export function makeImportRow(
  posting: Posting,
  labels: string[],
  overrides: Record<string, string | number> = {},
): Record<string, string | number> {
  return {
    title: posting.title,
    description: posting.description,
    skills: labels.join(';'),
    source: 'upwork',
    sourceUrl: uniqueSourceUrl(),
    clientCountry: 'US',
    engagementType: 'freelance',
    workMode: 'remote',
    countries: 'XK;AL;MK',
    languages: 'en:B2',
    hoursPerWeek: 20,
    durationWeeks: 12,
    budgetType: 'hourly',
    budgetMinEur: 15,
    budgetMaxEur: 30,
    openings: 1,
    deadline: inDays(45),
    ...overrides,
  };
}

const csvField = (v: string | number | undefined): string => {
  const s = v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function toCsv(rows: Record<string, string | number>[]): string {
  return [
    IMPORT_COLUMNS.join(','),
    ...rows.map((r) => IMPORT_COLUMNS.map((h) => csvField(r[h])).join(',')),
  ].join('\r\n');
}

export function bearer(user: SignedIn): [string, { type: 'bearer' }] {
  return [user.accessToken, { type: 'bearer' }];
}
