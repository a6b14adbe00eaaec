import { TaxonomyModule } from '@app/taxonomy';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProfileInclusionEntity } from './entities/profile-inclusion.entity.js';
import { ProfileLanguageEntity } from './entities/profile-language.entity.js';
import { ProfileSkillEntity } from './entities/profile-skill.entity.js';
import { ProfileEntity } from './entities/profile.entity.js';
import { ProfilesSearchIndex } from './profiles-search-index.js';
import { ProfilesRepository } from './profiles.repository.js';

/**
 * Profile storage and the `profiles` search index, without HTTP or accounts: what the worker
 * needs to relay and rebuild the index.
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
  providers: [ProfilesRepository, ProfilesSearchIndex],
  exports: [ProfilesRepository, TaxonomyModule],
})
export class ProfilesIndexModule {}
