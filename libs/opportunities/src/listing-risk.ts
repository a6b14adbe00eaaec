import { readFileSync } from 'node:fs';
import type { OpportunityValues } from './opportunity-values.js';
import { LISTING_SOURCES, type ListingSource } from './opportunity-vocabulary.js';

/**
 * Scam-risk screening of listings: rules are data (config/listing-risk.json), each a sentence a
 * broker understands. Pure functions here; the service stores the outcome on the listing.
 */

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** One rule that fired and why, in words for a broker. */
export interface RiskFinding {
  rule: string;
  reason: string;
}

export interface ListingRisk {
  level: RiskLevel;
  findings: RiskFinding[];
}

export const LOW_RISK: ListingRisk = { level: 'low', findings: [] };

interface RuleBase {
  id: string;
  weight: number;
  reason: string;
}
export type RiskRule =
  | (RuleBase & { kind: 'text'; patterns: string[] })
  | (RuleBase & { kind: 'email' })
  | (RuleBase & { kind: 'url' })
  | (RuleBase & { kind: 'pay'; factor: number })
  | (RuleBase & { kind: 'vague'; minWords: number; patterns: string[] });

export interface ListingRiskConfig {
  thresholds: { medium: number; high: number };
  sourceDomains: Partial<Record<ListingSource, string[]>>;
  /** Typical top hourly rate (EUR) per skill category. */
  marketHourlyEur: Record<string, number>;
  rules: RiskRule[];
}

/** What a listing is judged on: its text and terms, where it comes from, its skills' categories. */
export interface ListingUnderReview {
  values: Pick<
    OpportunityValues,
    'title' | 'description' | 'budget' | 'hoursPerWeek' | 'durationWeeks'
  >;
  source: ListingSource;
  sourceUrl: string;
  /** Category of each required skill (digital, bpo, language, …). */
  skillCategories: string[];
}

export class ListingRiskConfigError extends Error {}

const RULE_KINDS = ['text', 'email', 'url', 'pay', 'vague'];

/** Checks the shape of a parsed config; throws naming the first bad member. */
export function validateListingRiskConfig(raw: unknown): ListingRiskConfig {
  const fail = (what: string): never => {
    throw new ListingRiskConfigError(`LISTING_RISK_CONFIG: ${what}`);
  };
  const c = raw as Partial<ListingRiskConfig> | null;
  if (c === null || typeof c !== 'object') return fail('must be a JSON object');
  const t = c.thresholds;
  if (!t || !(t.medium > 0) || !(t.high >= t.medium)) {
    fail('thresholds needs medium > 0 and high >= medium');
  }
  for (const [source, domains] of Object.entries(c.sourceDomains ?? {})) {
    if (!(LISTING_SOURCES as readonly string[]).includes(source)) {
      fail(`sourceDomains.${source} is not a listing source`);
    }
    if (!Array.isArray(domains) || domains.some((d) => typeof d !== 'string' || d === '')) {
      fail(`sourceDomains.${source} must be a list of domains`);
    }
  }
  const market = c.marketHourlyEur ?? {};
  for (const [category, rate] of Object.entries(market)) {
    if (category.startsWith('$')) continue;
    if (typeof rate !== 'number' || !(rate > 0)) fail(`marketHourlyEur.${category} must be > 0`);
  }
  if (!Array.isArray(c.rules) || c.rules.length === 0) fail('rules must be a non-empty list');
  const ids = new Set<string>();
  (c.rules as RiskRule[]).forEach((rule, i) => {
    const at = `rules[${i}]`;
    if (typeof rule.id !== 'string' || rule.id === '') fail(`${at}.id is required`);
    if (ids.has(rule.id)) fail(`${at}.id "${rule.id}" appears twice`);
    ids.add(rule.id);
    if (!RULE_KINDS.includes(rule.kind)) fail(`${at}.kind must be one of ${RULE_KINDS.join(', ')}`);
    if (typeof rule.weight !== 'number' || !(rule.weight > 0)) fail(`${at}.weight must be > 0`);
    if (typeof rule.reason !== 'string' || rule.reason.trim() === '')
      fail(`${at}.reason is required`);
    if (rule.kind === 'text' || rule.kind === 'vague') {
      if (!Array.isArray(rule.patterns)) fail(`${at}.patterns must be a list`);
      rule.patterns.forEach((p, j) => {
        try {
          new RegExp(p, 'iu');
        } catch {
          fail(`${at}.patterns[${j}] is not a valid regular expression`);
        }
      });
    }
    if (rule.kind === 'pay' && !(rule.factor >= 1)) fail(`${at}.factor must be >= 1`);
    if (rule.kind === 'vague' && !(rule.minWords >= 0)) fail(`${at}.minWords must be >= 0`);
  });
  return c as ListingRiskConfig;
}

export function loadListingRiskConfig(path: string): ListingRiskConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ListingRiskConfigError(`LISTING_RISK_CONFIG: cannot read ${path}: ${String(error)}`);
  }
  try {
    return validateListingRiskConfig(JSON.parse(text));
  } catch (error) {
    if (error instanceof ListingRiskConfigError) throw error;
    throw new ListingRiskConfigError(`LISTING_RISK_CONFIG (${path}): ${String(error)}`);
  }
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/iu;
const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/giu;

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => values[key] ?? all);
}

function hostOf(url: string): string | null {
  try {
    return new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

const belongsTo = (host: string, domains: string[]) =>
  domains.some((d) => host === d || host.endsWith(`.${d}`));

const firstMatch = (patterns: string[], text: string): string | undefined => {
  for (const p of patterns) {
    const m = new RegExp(p, 'iu').exec(text);
    if (m) return m[0].trim().replace(/\s+/g, ' ');
  }
  return undefined;
};

/** The hourly pay a listing offers: hourly budgets as they are, fixed ones over their hours. */
export function offeredHourlyEur(values: ListingUnderReview['values']): number | null {
  const budget = values.budget;
  if (budget === null) return null;
  const amount = budget.maxEur ?? budget.minEur;
  if (amount === null) return null;
  if (budget.type === 'hourly') return amount;
  if (values.hoursPerWeek === null || values.durationWeeks === null) return null;
  const hours = values.hoursPerWeek * values.durationWeeks;
  return hours > 0 ? amount / hours : null;
}

function applies(
  rule: RiskRule,
  listing: ListingUnderReview,
  config: ListingRiskConfig,
): Record<string, string> | null {
  const text = `${listing.values.title}\n${listing.values.description}`;
  switch (rule.kind) {
    case 'text': {
      const match = firstMatch(rule.patterns, text);
      return match === undefined ? null : { match };
    }
    case 'email': {
      const match = EMAIL.exec(text);
      return match === null ? null : { match: match[0] };
    }
    case 'vague': {
      const match = firstMatch(rule.patterns, text);
      if (match !== undefined) return { match: `"${match}"` };
      const words = listing.values.description.split(/\s+/).filter((w) => w !== '').length;
      return words < rule.minWords ? { match: `only ${words} words describe the work` } : null;
    }
    case 'pay': {
      const rate = offeredHourlyEur(listing.values);
      const references = listing.skillCategories
        .map((c) => config.marketHourlyEur[c])
        .filter((r): r is number => typeof r === 'number');
      if (rate === null || references.length === 0) return null;
      const reference = Math.max(...references);
      return rate > rule.factor * reference
        ? { rate: String(Math.round(rate)), reference: String(reference) }
        : null;
    }
    case 'url': {
      const named = config.sourceDomains[listing.source];
      const sourceHost = hostOf(listing.sourceUrl);
      // A listing from "other" has no known domain: its own URL's host is the source.
      const allowed = named ?? (sourceHost === null ? [] : [sourceHost]);
      const urls = [listing.sourceUrl, ...(text.match(URL_IN_TEXT) ?? [])];
      for (const url of urls) {
        const host = hostOf(url);
        if (host === null || !belongsTo(host, allowed)) {
          return {
            url,
            source: listing.source === 'other' ? 'the listing’s own site' : listing.source,
          };
        }
      }
      return null;
    }
  }
}

/** Every rule against the listing; the weights of those that fire give the level. */
export function assessListingRisk(
  listing: ListingUnderReview,
  config: ListingRiskConfig,
): ListingRisk {
  let score = 0;
  const findings: RiskFinding[] = [];
  for (const rule of config.rules) {
    const values = applies(rule, listing, config);
    if (values === null) continue;
    score += rule.weight;
    findings.push({ rule: rule.id, reason: fill(rule.reason, values) });
  }
  const level: RiskLevel =
    score >= config.thresholds.high ? 'high' : score >= config.thresholds.medium ? 'medium' : 'low';
  return { level, findings };
}
