/**
 * Weights of the soft signals. They are relative: only the components that apply to a given
 * opportunity take part, and their weights are scaled to sum to 1 (minus any priority boost),
 * so the named components of an explanation always add up to the score.
 */
export const COMPONENTS = [
  'skills',
  'verified',
  'languages',
  'hours',
  'availability',
  'rate',
  'location',
  'activity',
] as const;
export type ComponentName = (typeof COMPONENTS)[number];

export type MatchWeights = Record<ComponentName, number>;

export interface MatchingConfig {
  weights: MatchWeights;
  /** Largest share of the score a programme priority may take (0 disables priorities). */
  priorityBoostCap: number;
  /** Per-programme overrides, keyed by programme id or code. */
  programmes: Record<string, { weights?: Partial<MatchWeights>; priorityBoostCap?: number }>;
}

export class MatchingConfigError extends Error {}

/** Validates a matching configuration (e.g. config/matching.json), naming each bad entry. */
export function parseMatchingConfig(raw: unknown): MatchingConfig {
  const problems: string[] = [];
  const obj = (raw ?? {}) as Record<string, unknown>;
  const weights = readWeights(obj.weights, 'weights', problems, true) as MatchWeights;
  const cap = obj.priorityBoostCap ?? 0;
  if (typeof cap !== 'number' || !(cap >= 0 && cap <= 0.5)) {
    problems.push('priorityBoostCap must be a number between 0 and 0.5');
  }
  const programmes: MatchingConfig['programmes'] = {};
  for (const [key, value] of Object.entries((obj.programmes ?? {}) as Record<string, unknown>)) {
    const p = (value ?? {}) as Record<string, unknown>;
    const override: MatchingConfig['programmes'][string] = {};
    if (p.weights !== undefined) {
      override.weights = readWeights(p.weights, `programmes.${key}.weights`, problems, false);
    }
    if (p.priorityBoostCap !== undefined) {
      const c = p.priorityBoostCap;
      if (typeof c !== 'number' || !(c >= 0 && c <= 0.5)) {
        problems.push(`programmes.${key}.priorityBoostCap must be a number between 0 and 0.5`);
      } else override.priorityBoostCap = c;
    }
    programmes[key] = override;
  }
  if (problems.length > 0)
    throw new MatchingConfigError(`Invalid matching configuration: ${problems.join('; ')}`);
  return { weights, priorityBoostCap: cap as number, programmes };
}

function readWeights(
  raw: unknown,
  path: string,
  problems: string[],
  complete: boolean,
): Partial<MatchWeights> {
  const out: Partial<MatchWeights> = {};
  const obj = (raw ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!(COMPONENTS as readonly string[]).includes(key))
      problems.push(`${path}.${key} is not a component`);
  }
  for (const name of COMPONENTS) {
    const value = obj[name];
    if (value === undefined) {
      if (complete) problems.push(`${path}.${name} is missing`);
      continue;
    }
    if (typeof value !== 'number' || !(value >= 0 && value <= 100)) {
      problems.push(`${path}.${name} must be a number between 0 and 100`);
      continue;
    }
    out[name] = value;
  }
  if (complete && problems.length === 0 && Object.values(out).every((v) => v === 0)) {
    problems.push(`${path} must have at least one positive weight`);
  }
  return out;
}

/** The weights and boost cap in force for an opportunity of this programme. */
export function weightsFor(
  config: MatchingConfig,
  programmeKeys: (string | undefined)[],
): { weights: MatchWeights; priorityBoostCap: number } {
  for (const key of programmeKeys) {
    const override = key === undefined ? undefined : config.programmes[key];
    if (override !== undefined) {
      return {
        weights: { ...config.weights, ...override.weights },
        priorityBoostCap: override.priorityBoostCap ?? config.priorityBoostCap,
      };
    }
  }
  return { weights: config.weights, priorityBoostCap: config.priorityBoostCap };
}
