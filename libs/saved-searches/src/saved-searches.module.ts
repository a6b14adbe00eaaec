import { IdentityModule } from '@app/identity';
import { NotificationsCoreModule } from '@app/notifications';
import { Module } from '@nestjs/common';
import { SavedSearchAlertsModule } from './saved-search-alerts.module.js';
import { SavedSearchesController } from './saved-searches.controller.js';
import { SavedSearchesService } from './saved-searches.service.js';

/** Saved searches over HTTP (`/api/saved-searches`); the alerts job comes with it. */
@Module({
  imports: [SavedSearchAlertsModule, IdentityModule, NotificationsCoreModule],
  controllers: [SavedSearchesController],
  providers: [SavedSearchesService],
  exports: [SavedSearchAlertsModule],
})
export class SavedSearchesModule {}
