import { IdentityModule } from '@app/identity';
import { Module } from '@nestjs/common';
import { IndicatorsRepository } from './indicators.repository.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** Programme results for donors, aggregated in PostgreSQL and suppressed before publication. */
@Module({
  imports: [IdentityModule],
  controllers: [ReportsController],
  providers: [IndicatorsRepository, ReportsService],
})
export class ReportingModule {}
