import { OpportunitiesModule } from '@app/opportunities';
import { GeoModule } from '@app/geo';
import { ProfilesModule } from '@app/profiles';
import { TaxonomyModule } from '@app/taxonomy';
import { TrainingModule } from '@app/training';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { Module } from '@nestjs/common';
import { matchingConfigProvider } from './matching-config.js';
import { MatchingController } from './matching.controller.js';
import { MatchingRepository } from './matching.repository.js';
import { MatchingService } from './matching.service.js';
import { OpportunityFitService } from './opportunity-fit.js';
import { OpportunitySearchController } from './opportunity-search.controller.js';
import { ProgrammePriorities } from './programme-priorities.js';
import { RankingSlots } from './ranking-slots.js';

/** Ranked, explained candidates and recommendations over the profiles and opportunities indexes. */
@Module({
  imports: [GeoModule, ProfilesModule, OpportunitiesModule, TaxonomyModule, TrainingModule],
  controllers: [MatchingController, OpportunitySearchController],
  providers: [
    matchingConfigProvider,
    MatchingRepository,
    MatchingService,
    OpportunityFitService,
    ProgrammePriorities,
    {
      provide: RankingSlots,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new RankingSlots(config.matchingConcurrency),
    },
  ],
  exports: [MatchingService, OpportunityFitService],
})
export class MatchingModule {}
