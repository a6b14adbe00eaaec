import { IdentityModule } from '@app/identity';
import { TaxonomyModule } from '@app/taxonomy';
import { Module } from '@nestjs/common';
import { IndicatorsRepository } from './indicators.repository.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';
import { SkillGapsReportService } from './skill-gaps-report.service.js';
import { SkillGapsModule } from './skill-gaps.module.js';

/** Programme results for donors, aggregated in PostgreSQL and suppressed before publication. */
@Module({
  imports: [IdentityModule, TaxonomyModule, SkillGapsModule],
  controllers: [ReportsController],
  providers: [IndicatorsRepository, ReportsService, SkillGapsReportService],
  exports: [IndicatorsRepository],
})
export class ReportingModule {}
