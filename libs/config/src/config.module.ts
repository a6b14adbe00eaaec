import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, loadConfigOrExit } from './config.provider.js';

/** Makes the validated {@link AppConfig} injectable everywhere as `@Inject(APP_CONFIG)`. */
@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: loadConfigOrExit }],
  exports: [APP_CONFIG],
})
export class ConfigModule {}
