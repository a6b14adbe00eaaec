import { GeoModule } from '@app/geo';
import { IdentityModule, RegistrationHooks } from '@app/identity';
import { Module, type OnModuleInit } from '@nestjs/common';
import { ProfileErasureHooks } from './profile-erasure-hooks.js';
import { ProfileSkillEvidenceService } from './profile-skill-evidence.service.js';
import { ProfileSkillSuggestionsController } from './profile-skill-suggestions.controller.js';
import { ProfileSkillSuggestionsService } from './profile-skill-suggestions.service.js';
import { ProfilesIndexModule } from './profiles-index.module.js';
import { ProfilesController } from './profiles.controller.js';
import { ProfilesService } from './profiles.service.js';
import { SkillSupplyRepository } from './skill-supply.repository.js';
import { TalentController } from './talent.controller.js';

/** Trainee profiles: the owner's endpoints, visibility-aware reads and talent search. */
@Module({
  imports: [ProfilesIndexModule, IdentityModule, GeoModule],
  controllers: [ProfilesController, ProfileSkillSuggestionsController, TalentController],
  providers: [
    ProfilesService,
    SkillSupplyRepository,
    ProfileSkillEvidenceService,
    ProfileSkillSuggestionsService,
    ProfileErasureHooks,
  ],
  exports: [ProfilesService, ProfileSkillEvidenceService, ProfileErasureHooks],
})
export class ProfilesModule implements OnModuleInit {
  constructor(
    private readonly hooks: RegistrationHooks,
    private readonly profiles: ProfilesService,
  ) {}

  onModuleInit(): void {
    this.hooks.onTraineeRegistered(async (manager, user) => {
      await this.profiles.createForTrainee(manager, user.id);
    });
  }
}
