import { GeoModule } from '@app/geo';
import { IdentityModule, RegistrationHooks } from '@app/identity';
import { Module, type OnModuleInit } from '@nestjs/common';
import { ProfilesIndexModule } from './profiles-index.module.js';
import { ProfilesController } from './profiles.controller.js';
import { ProfilesService } from './profiles.service.js';
import { TalentController } from './talent.controller.js';
import { TalentSearchRepository } from './talent-search.repository.js';
import { TalentSearchService } from './talent-search.service.js';

/** Trainee profiles: the owner's endpoints, visibility-aware reads and talent search. */
@Module({
  imports: [ProfilesIndexModule, IdentityModule, GeoModule],
  controllers: [ProfilesController, TalentController],
  providers: [ProfilesService, TalentSearchRepository, TalentSearchService],
  exports: [ProfilesService],
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
