import { isAbsolute, resolve } from 'node:path';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

/**
 * The whole typed configuration of Talentbridge, read once from environment variables.
 * Every process (api, worker, command-line tools) builds it with {@link loadConfig}.
 */
export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  /** PostgreSQL connection string; unset means "start embedded PostgreSQL" (local runs only). */
  databaseUrl: string | undefined;
  /** Meilisearch base URL; unset means "start embedded Meilisearch" (local runs only). */
  meiliHost: string | undefined;
  meiliMasterKey: string | undefined;
  /** Prefix for every Meilisearch index name, so several environments can share one server. */
  meiliIndexPrefix: string;
  /** Path to a Meilisearch binary for embedded runs (defaults to the npm-shipped one). */
  meiliBin: string | undefined;
  /** Fixed ports for embedded services; unset means a free port is picked. */
  embeddedPostgresPort: number | undefined;
  embeddedMeiliPort: number | undefined;
  dataDir: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  logLevel: LogLevel;
  logPretty: boolean;
  corsOrigins: string[];
  /** Outbox rows claimed per relay pass (OUTBOX_BATCH_SIZE). */
  outboxBatchSize: number;
  /** Failed attempts after which a row failing for a document-level reason is dead-lettered. */
  outboxMaxAttempts: number;
  /** Days processed outbox rows are kept before the relay deletes them. */
  outboxRetentionDays: number;
  /** Whether the worker runs the outbox relay loop (off for command-line tools). */
  workerRelayEnabled: boolean;
  /** Minutes between the worker's drift checks with repair; 0 turns them off. */
  searchDriftIntervalMinutes: number;
  /** Where clients reach the API (no trailing slash); certificate verification links use it. */
  publicBaseUrl: string;
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}`,
    );
    this.name = 'ConfigValidationError';
  }
}

type Env = Record<string, string | undefined>;

/** Collects one message per bad variable instead of failing on the first. */
class EnvReader {
  readonly problems: { variable: string; message: string }[] = [];

  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  string(name: string, fallback?: string): string | undefined {
    return this.raw(name) ?? fallback;
  }

  port(name: string, fallback?: number): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n > 65535) {
      return this.fail(name, `must be a port number between 1 and 65535, got "${value}"`);
    }
    return n;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      return this.fail(name, `must be one of ${allowed.join(', ')}, got "${value}"`) ?? fallback;
    }
    return value as T;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (['true', '1', 'yes'].includes(value.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(value.toLowerCase())) return false;
    return this.fail(name, `must be true or false, got "${value}"`) ?? fallback;
  }

  url(name: string, protocols: string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      const url = new URL(value);
      if (!protocols.includes(url.protocol)) {
        return this.fail(name, `must use ${protocols.join(' or ')}, got "${url.protocol}"`);
      }
      return value;
    } catch {
      return this.fail(name, 'must be a valid URL');
    }
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      return (
        this.fail(name, `must be a whole number from ${min} to ${max}, got "${value}"`) ?? fallback
      );
    }
    return n;
  }

  fail(variable: string, message: string): undefined {
    this.problems.push({ variable, message });
    return undefined;
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Reads and validates the configuration. Throws {@link ConfigValidationError} naming every bad
 * variable, so a process refuses to start instead of failing later in a confusing way.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const r = new EnvReader(env);
  const nodeEnv = r.oneOf('NODE_ENV', NODE_ENVS, 'development');
  const dataDir = r.string('DATA_DIR', '.data') as string;

  const meiliMasterKey = r.string('MEILI_MASTER_KEY');
  if (meiliMasterKey !== undefined && Buffer.byteLength(meiliMasterKey) < 16) {
    r.fail('MEILI_MASTER_KEY', 'must be at least 16 bytes long');
  }
  const meiliHost = r.url('MEILI_HOST', ['http:', 'https:']);
  const meiliIndexPrefix = r.string('MEILI_INDEX_PREFIX', '') as string;
  if (!/^[A-Za-z0-9_-]*$/.test(meiliIndexPrefix)) {
    r.fail('MEILI_INDEX_PREFIX', 'may only contain letters, digits, "_" and "-"');
  }

  const adminEmail = r.string('ADMIN_EMAIL');
  if (adminEmail !== undefined && !EMAIL.test(adminEmail)) {
    r.fail('ADMIN_EMAIL', 'must be an e-mail address');
  }
  const adminPassword = r.raw('ADMIN_PASSWORD');
  if (adminPassword !== undefined && adminPassword.length < 12) {
    r.fail('ADMIN_PASSWORD', 'must be at least 12 characters long');
  }
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    r.fail(
      adminEmail === undefined ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD',
      'ADMIN_EMAIL and ADMIN_PASSWORD must be set together',
    );
  }

  const port = r.port('PORT', 3000) as number;
  const config: AppConfig = {
    nodeEnv,
    port,
    databaseUrl: r.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    meiliHost,
    meiliMasterKey,
    meiliIndexPrefix,
    meiliBin: r.string('MEILI_BIN'),
    embeddedPostgresPort: r.port('EMBEDDED_POSTGRES_PORT'),
    embeddedMeiliPort: r.port('EMBEDDED_MEILI_PORT'),
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(process.cwd(), dataDir),
    adminEmail: adminEmail?.toLowerCase(),
    adminPassword,
    logLevel: r.oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'warn' : 'info'),
    logPretty: r.boolean('LOG_PRETTY', nodeEnv === 'development' && process.stdout.isTTY === true),
    corsOrigins: (r.string('CORS_ORIGINS') ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o !== ''),
    outboxBatchSize: r.integer('OUTBOX_BATCH_SIZE', 200, 1, 10_000),
    outboxMaxAttempts: r.integer('OUTBOX_MAX_ATTEMPTS', 10, 1, 1_000),
    outboxRetentionDays: r.integer('OUTBOX_RETENTION_DAYS', 7, 0, 3_650),
    workerRelayEnabled: r.boolean('WORKER_RELAY_ENABLED', true),
    searchDriftIntervalMinutes: r.integer('SEARCH_DRIFT_INTERVAL_MINUTES', 60, 0, 10_080),
    publicBaseUrl: (
      r.url('PUBLIC_BASE_URL', ['http:', 'https:']) ?? `http://localhost:${port}`
    ).replace(/\/+$/, ''),
  };
  for (const origin of config.corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/]+$/.test(origin)) {
      r.fail('CORS_ORIGINS', `"${origin}" is not an origin like https://app.example.org`);
    }
  }
  if (r.problems.length > 0) throw new ConfigValidationError(r.problems);
  return config;
}
