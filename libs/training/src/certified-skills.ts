import type { SkillAtLevel } from './training-values.js';

/**
 * The level each skill is certified at by a set of (non-revoked) certificates: the highest
 * level any of them certifies. A skill no certificate names is not certified at all.
 */
export function certifiedLevels(
  certificates: readonly (readonly SkillAtLevel[])[],
): SkillAtLevel[] {
  const best = new Map<string, number>();
  for (const skills of certificates) {
    for (const { skillId, level } of skills) {
      best.set(skillId, Math.max(level, best.get(skillId) ?? 0));
    }
  }
  return [...best].map(([skillId, level]) => ({ skillId, level })).sort(bySkillId);
}

function bySkillId(a: SkillAtLevel, b: SkillAtLevel): number {
  return a.skillId < b.skillId ? -1 : a.skillId > b.skillId ? 1 : 0;
}
