import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { LoggingModule } from '@app/http';
import { ProfilesIndexModule } from '@app/profiles';
import { SearchModule } from '@app/search';
import { TaxonomyModule } from '@app/taxonomy';
import { OpportunitiesModule } from '@app/opportunities';
import { Module } from '@nestjs/common';
import { SearchPipelineRunner } from './search-pipeline-runner.js';
import { WorkerLifecycle } from './worker-lifecycle.js';

/** The same libs as the API, without HTTP: background jobs run here (search indexes included). */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    SearchModule,
    TaxonomyModule,
    ProfilesIndexModule,
    OpportunitiesModule,
  ],
  providers: [WorkerLifecycle, SearchPipelineRunner],
})
export class WorkerModule {}
