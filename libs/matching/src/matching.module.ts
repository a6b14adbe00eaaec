import { OpportunitiesModule } from '@app/opportunities';
import { ProfilesModule } from '@app/profiles';
import { TaxonomyModule } from '@app/taxonomy';
import { TrainingModule } from '@app/training';
import { Module } from '@nestjs/common';
import { matchingConfigProvider } from './matching-config.js';
import { MatchingController } from './matching.controller.js';
import { MatchingRepository } from './matching.repository.js';
import { MatchingService } from './matching.service.js';
import { ProgrammePriorities } from './programme-priorities.js';

/** Ranked, explained candidates and recommendations over the profiles and opportunities indexes. */
@Module({
  imports: [ProfilesModule, OpportunitiesModule, TaxonomyModule, TrainingModule],
  controllers: [MatchingController],
  providers: [matchingConfigProvider, MatchingRepository, MatchingService, ProgrammePriorities],
  exports: [MatchingService],
})
export class MatchingModule {}
