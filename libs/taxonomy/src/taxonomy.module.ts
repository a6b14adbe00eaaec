import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AnswerLocaleInterceptor } from './answer-locale.js';
import { SkillExtractionController } from './extraction/skill-extraction.controller.js';
import { SkillExtractionRepository } from './extraction/skill-extraction.repository.js';
import { SkillExtractionService } from './extraction/skill-extraction.service.js';
import { SkillIndexSync } from './skill-index-sync.js';
import { SkillSearchRepository } from './skill-search.repository.js';
import { SkillLabelRepository } from './skill-label.repository.js';
import { SkillSeeder } from './skill-seeder.js';
import { SkillRepository } from './skill.repository.js';
import { SkillsController } from './skills.controller.js';
import { SkillsSearchIndex } from './skills.search-index.js';
import { TaxonomyService } from './taxonomy.service.js';

/** The skills taxonomy: seeded from ESCO plus curated aliases, searchable, curated by admins. */
@Module({
  // The extraction controller first: its POST /skills/extract must not be taken for an id route.
  controllers: [SkillExtractionController, SkillsController],
  providers: [
    SkillRepository,
    SkillLabelRepository,
    SkillSearchRepository,
    SkillIndexSync,
    SkillSeeder,
    SkillsSearchIndex,
    TaxonomyService,
    SkillExtractionRepository,
    SkillExtractionService,
    { provide: APP_INTERCEPTOR, useClass: AnswerLocaleInterceptor },
  ],
  exports: [TaxonomyService, SkillExtractionService],
})
export class TaxonomyModule {}
