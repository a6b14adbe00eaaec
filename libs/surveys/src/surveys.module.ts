import { UserDirectoryModule, IdentityModule } from '@app/identity';
import { ProfileErasureHooks, ProfileOwnersModule, ProfilesModule } from '@app/profiles';
import { Module, type OnModuleInit } from '@nestjs/common';
import { SurveysController } from './surveys.controller.js';
import { SurveysCoreModule } from './surveys-core.module.js';
import { SurveysService } from './surveys.service.js';

/** Follow-up surveys in the API: the link, the trainee's list, and erasure. */
@Module({
  imports: [
    SurveysCoreModule,
    IdentityModule,
    ProfilesModule,
    ProfileOwnersModule,
    UserDirectoryModule,
  ],
  controllers: [SurveysController],
  providers: [SurveysService],
  exports: [SurveysCoreModule],
})
export class SurveysModule implements OnModuleInit {
  constructor(
    private readonly erasure: ProfileErasureHooks,
    private readonly surveys: SurveysService,
  ) {}

  onModuleInit(): void {
    this.erasure.onErase((manager, profileId) => this.surveys.erase(manager, profileId));
  }
}
