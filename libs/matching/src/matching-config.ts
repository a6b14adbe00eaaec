import { APP_CONFIG, type AppConfig } from '@app/config';
import type { Provider } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { MatchingConfigError, parseMatchingConfig, type MatchingConfig } from './match-weights.js';

/** Injection token of the validated {@link MatchingConfig}. */
export const MATCHING_CONFIG = Symbol('MATCHING_CONFIG');

/** Reads and validates the weights file; a missing or bad file stops start-up, naming it. */
export function loadMatchingConfig(path: string): MatchingConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MatchingConfigError(`MATCHING_CONFIG: cannot read ${path}: ${reason}`);
  }
  try {
    return parseMatchingConfig(raw);
  } catch (error) {
    if (error instanceof MatchingConfigError) {
      throw new MatchingConfigError(`MATCHING_CONFIG (${path}): ${error.message}`);
    }
    throw error;
  }
}

export const matchingConfigProvider: Provider = {
  provide: MATCHING_CONFIG,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => loadMatchingConfig(config.matchingConfigPath),
};
