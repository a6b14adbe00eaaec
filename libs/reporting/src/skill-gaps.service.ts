import { APP_CONFIG, type AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import { compareGaps, isGap, publishSkillGaps, type SkillGap } from './skill-gaps.js';
import { SkillGapsRepository, type DemandScope } from './skill-gaps.repository.js';

/**
 * The one computation of skill gaps (demand of work requests and listings against the people
 * open to work who hold the skill), published with the report threshold. The skill-gaps report
 * reads it for a programme; training ranks courses by the open gaps they close.
 */
@Injectable()
export class SkillGapsService {
  constructor(
    private readonly repository: SkillGapsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get threshold(): number {
    return this.config.reportMinCellSize;
  }

  /** Every skill and country with demand in scope, most unmet first. */
  async demandAndSupply(scope: DemandScope): Promise<SkillGap[]> {
    return publishSkillGaps(await this.repository.gaps(scope), this.threshold).sort(compareGaps);
  }

  /** The open gaps of the whole platform (open requests only), most unmet first. */
  async openGaps(): Promise<SkillGap[]> {
    return (await this.demandAndSupply({ programmeId: null })).filter(isGap);
  }
}
