import { TaxonomyModule } from '@app/taxonomy';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProfileInclusionEntity } from './entities/profile-inclusion.entity.js';
import { ProfileLanguageEntity } from './entities/profile-language.entity.js';
import { ProfileSkillEntity } from './entities/profile-skill.entity.js';
import { ProfileEntity } from './entities/profile.entity.js';
import { ProfileSearchRepository } from './profile-search.repository.js';
import { ProfilesSearchIndex } from './profiles-search-index.js';
import { ProfilesRepository } from './profiles.repository.js';
import { TalentSearchService } from './talent-search.service.js';

/**
 * Profile storage, the `profiles` search index and talent search, without HTTP or accounts:
 * what the worker needs to relay and rebuild the index and to run saved-search alerts.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ProfileEntity,
      ProfileSkillEntity,
      ProfileLanguageEntity,
      ProfileInclusionEntity,
    ]),
    TaxonomyModule,
  ],
  providers: [
    ProfilesRepository,
    ProfilesSearchIndex,
    ProfileSearchRepository,
    TalentSearchService,
  ],
  exports: [ProfilesRepository, ProfileSearchRepository, TalentSearchService, TaxonomyModule],
})
export class ProfilesIndexModule {}
