import { APP_CONFIG, type AppConfig } from '@app/config';
import { OpportunitiesService, type SkillDemandScope } from '@app/opportunities';
import { ProfilesService } from '@app/profiles';
import { compareGaps, demandCells, isGap, publishSkillGaps, type SkillGap } from '@app/reporting';
import { Inject, Injectable } from '@nestjs/common';

/**
 * The one computation of skill gaps (docs/reporting.md, "Skill gaps"): the skills work requests
 * and listings ask for (`@app/opportunities`) against the people open to work who hold them
 * (`@app/profiles`), published with the report threshold and rules (`@app/reporting`). The
 * skill-gaps report reads it for a programme; the course list ranks courses by the open gaps of
 * the whole platform.
 */
@Injectable()
export class SkillGapsService {
  constructor(
    private readonly demand: OpportunitiesService,
    private readonly profiles: ProfilesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get threshold(): number {
    return this.config.reportMinCellSize;
  }

  /** Every skill and country with demand in scope, most unmet first. */
  async demandAndSupply(scope: SkillDemandScope): Promise<SkillGap[]> {
    const cells = demandCells(await this.demand.skillDemand(scope));
    const supply = await this.profiles.skillSupply(cells);
    return publishSkillGaps(
      cells.map((c, i) => ({ ...c, people: supply[i].people, verified: supply[i].verified })),
      this.threshold,
    ).sort(compareGaps);
  }

  /** The open gaps of the whole platform (open requests only), most unmet first. */
  async openGaps(): Promise<SkillGap[]> {
    return (await this.demandAndSupply({ programmeId: null })).filter(isGap);
  }
}
