import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A skill at the level evidence backs. */
export interface CertifiedSkill {
  skillId: string;
  level: number;
}

@Injectable()
export class ProfileSkillEvidenceRepository {
  /**
   * Makes `skills` the certified skills of the profile: each is verified at its certified level
   * (the profile level being the higher of declared and certified); skills no longer certified
   * fall back to what the trainee declared, or leave the profile when nothing was declared.
   * Bumps the profile version (documents and caches compare it).
   */
  async replaceCertifiedSkills(
    manager: EntityManager,
    profileId: string,
    skills: CertifiedSkill[],
  ): Promise<void> {
    const certified = skills.map((s) => s.skillId);
    await manager.query(
      `DELETE FROM profile_skills
        WHERE profile_id = $1 AND NOT (skill_id = ANY($2::uuid[])) AND declared_level IS NULL`,
      [profileId, certified],
    );
    await manager.query(
      `UPDATE profile_skills SET certified_level = NULL, verified = false, level = declared_level
        WHERE profile_id = $1 AND NOT (skill_id = ANY($2::uuid[]))
          AND (certified_level IS NOT NULL OR verified)`,
      [profileId, certified],
    );
    if (skills.length > 0) {
      await manager.query(
        `INSERT INTO profile_skills (profile_id, skill_id, level, certified_level, verified)
         SELECT $1, s.skill_id, s.level, s.level, true
           FROM unnest($2::uuid[], $3::smallint[]) AS s(skill_id, level)
         ON CONFLICT (profile_id, skill_id)
         DO UPDATE SET certified_level = EXCLUDED.certified_level, verified = true,
                       level = GREATEST(profile_skills.declared_level, EXCLUDED.certified_level)`,
        [profileId, certified, skills.map((s) => s.level)],
      );
    }
    await manager.query(
      `UPDATE profiles SET version = version + 1 WHERE id = $1 AND erased_at IS NULL`,
      [profileId],
    );
  }
}
