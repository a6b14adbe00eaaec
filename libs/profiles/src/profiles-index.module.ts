import { APP_CONFIG, type AppConfig } from '@app/config';
import { GeoModule } from '@app/geo';
import { UserDirectoryModule } from '@app/identity';
import { TaxonomyModule } from '@app/taxonomy';
import { Module } from '@nestjs/common';
import { ProfileSearchRepository, TalentSearchSlots } from './profile-search.repository.js';
import { ProfilesSearchIndex } from './profiles-search-index.js';
import { ProfilesRepository } from './profiles.repository.js';
import { TalentSearchService } from './talent-search.service.js';

/**
 * Profile storage, the `profiles` search index and talent search, without HTTP or accounts:
 * what the worker needs to relay and rebuild the index and to run saved-search alerts. Display
 * names come from identity's `UserDirectory` (`UserDirectoryModule`, no routes or guards).
 */
@Module({
  imports: [TaxonomyModule, UserDirectoryModule, GeoModule],
  providers: [
    ProfilesRepository,
    ProfilesSearchIndex,
    ProfileSearchRepository,
    TalentSearchService,
    {
      provide: TalentSearchSlots,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new TalentSearchSlots(config.talentSearchConcurrency),
    },
  ],
  exports: [ProfilesRepository, ProfileSearchRepository, TalentSearchService, TaxonomyModule],
})
export class ProfilesIndexModule {}
