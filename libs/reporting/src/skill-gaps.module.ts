import { Module } from '@nestjs/common';
import { SkillGapsRepository } from './skill-gaps.repository.js';
import { SkillGapsService } from './skill-gaps.service.js';

/**
 * Skill gaps without routes, for the libs that rank by them (training's courses by gap
 * coverage) and for the report.
 */
@Module({
  providers: [SkillGapsRepository, SkillGapsService],
  exports: [SkillGapsRepository, SkillGapsService],
})
export class SkillGapsModule {}
