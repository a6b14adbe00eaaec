import { describe, expect, it } from '@jest/globals';
import { availableParallelism } from 'node:os';
import { ConfigValidationError, halfTheCores, loadConfig } from './app-config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('has defaults for local use', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.meiliHost).toBeUndefined();
    expect(config.dataDir.endsWith('.data')).toBe(true);
    expect(config.logLevel).toBe('info');
    expect(config.corsOrigins).toEqual([]);
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
  });

  it('takes the public base URL without a trailing slash, and refuses a non-URL', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://talentbridge.example.org/' }).publicBaseUrl).toBe(
      'https://talentbridge.example.org',
    );
    expect(loadConfig({ PORT: '8080' }).publicBaseUrl).toBe('http://localhost:8080');
    expect(problemsOf({ PUBLIC_BASE_URL: 'talentbridge' })).toEqual(['PUBLIC_BASE_URL']);
  });

  it('reads and normalises given values', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/tb',
      MEILI_HOST: 'http://search:7700',
      MEILI_MASTER_KEY: 'a-master-key-of-enough-length',
      DATA_DIR: '/var/lib/tb',
      ADMIN_EMAIL: 'Admin@Example.org',
      ADMIN_PASSWORD: 'a long admin password',
      LOG_LEVEL: 'debug',
      CORS_ORIGINS: 'https://a.example.org, https://b.example.org',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u:p@db:5432/tb',
      meiliHost: 'http://search:7700',
      dataDir: '/var/lib/tb',
      adminEmail: 'admin@example.org',
      logLevel: 'debug',
      corsOrigins: ['https://a.example.org', 'https://b.example.org'],
    });
  });

  it('names every bad variable at once', () => {
    const bad = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      MEILI_HOST: 'not a url',
      MEILI_MASTER_KEY: 'short',
      LOG_LEVEL: 'loud',
      ADMIN_EMAIL: 'nobody',
      ADMIN_PASSWORD: 'tiny',
      CORS_ORIGINS: 'example.org',
    });
    expect(bad.sort()).toEqual(
      [
        'ADMIN_EMAIL',
        'ADMIN_PASSWORD',
        'CORS_ORIGINS',
        'DATABASE_URL',
        'LOG_LEVEL',
        'MEILI_HOST',
        'MEILI_MASTER_KEY',
        'PORT',
      ].sort(),
    );
  });

  it('reads the pool size, leaving it unset when not given, and refuses nonsense', () => {
    expect(loadConfig({}).databasePoolSize).toBeUndefined();
    expect(loadConfig({ DATABASE_POOL_SIZE: '4' }).databasePoolSize).toBe(4);
    expect(problemsOf({ DATABASE_POOL_SIZE: '0' })).toEqual(['DATABASE_POOL_SIZE']);
    expect(problemsOf({ DATABASE_POOL_SIZE: 'many' })).toEqual(['DATABASE_POOL_SIZE']);
    expect(problemsOf({ DATABASE_POOL_SIZE: '2.5' })).toEqual(['DATABASE_POOL_SIZE']);
  });

  it('bounds talent searches at the number of cores by default, and refuses nonsense', () => {
    expect(loadConfig({}).talentSearchConcurrency).toBe(availableParallelism());
    expect(loadConfig({ TALENT_SEARCH_CONCURRENCY: '4' }).talentSearchConcurrency).toBe(4);
    for (const bad of ['0', 'some', '2.5']) {
      expect(problemsOf({ TALENT_SEARCH_CONCURRENCY: bad })).toEqual(['TALENT_SEARCH_CONCURRENCY']);
    }
  });

  it("reads the embedded engine's indexing threads, unset by default, and refuses nonsense", () => {
    expect(loadConfig({}).embeddedMeiliIndexingThreads).toBeUndefined();
    // unset, the embedded engine takes half the cores (defaultIndexingThreads, @app/embedded)
    expect(halfTheCores()).toBe(Math.max(1, Math.floor(availableParallelism() / 2)));
    expect(loadConfig({ MEILI_INDEXING_THREADS: '3' }).embeddedMeiliIndexingThreads).toBe(3);
    for (const bad of ['0', 'all', '1.5']) {
      expect(problemsOf({ MEILI_INDEXING_THREADS: bad })).toEqual(['MEILI_INDEXING_THREADS']);
    }
  });

  it("reads the embedded engine's indexing memory in MiB, unset by default, and refuses nonsense", () => {
    expect(loadConfig({}).embeddedMeiliIndexingMemoryMib).toBeUndefined();
    expect(loadConfig({ MEILI_INDEXING_MEMORY_MB: '1024' }).embeddedMeiliIndexingMemoryMib).toBe(
      1024,
    );
    for (const bad of ['0', '63', 'lots', '256.5', '2GiB']) {
      expect(problemsOf({ MEILI_INDEXING_MEMORY_MB: bad })).toEqual(['MEILI_INDEXING_MEMORY_MB']);
    }
  });

  it('runs one API and one worker process unless API_PROCESSES / WORKER_PROCESSES say otherwise', () => {
    expect(loadConfig({})).toMatchObject({ apiProcesses: 1, workerProcesses: 1 });
    expect(loadConfig({ API_PROCESSES: '2', WORKER_PROCESSES: '0' })).toMatchObject({
      apiProcesses: 2,
      workerProcesses: 0,
    });
    expect(problemsOf({ API_PROCESSES: '0', WORKER_PROCESSES: '-1' }).sort()).toEqual([
      'API_PROCESSES',
      'WORKER_PROCESSES',
    ]);
    expect(problemsOf({ API_PROCESSES: 'two' })).toEqual(['API_PROCESSES']);
    expect(problemsOf({ WORKER_PROCESSES: '65' })).toEqual(['WORKER_PROCESSES']);
  });

  it('allows 20 applications a day unless APPLICATIONS_PER_DAY says otherwise', () => {
    expect(loadConfig({}).applicationsPerDay).toBe(20);
    expect(loadConfig({ APPLICATIONS_PER_DAY: '5' }).applicationsPerDay).toBe(5);
    expect(problemsOf({ APPLICATIONS_PER_DAY: '0' })).toEqual(['APPLICATIONS_PER_DAY']);
    expect(problemsOf({ APPLICATIONS_PER_DAY: 'many' })).toEqual(['APPLICATIONS_PER_DAY']);
  });

  it('runs as many rankings at once as there are cores unless MATCHING_CONCURRENCY says otherwise', () => {
    expect(loadConfig({}).matchingConcurrency).toBe(availableParallelism());
    expect(loadConfig({ MATCHING_CONCURRENCY: '3' }).matchingConcurrency).toBe(3);
    expect(problemsOf({ MATCHING_CONCURRENCY: '0' })).toEqual(['MATCHING_CONCURRENCY']);
  });

  it('requires ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(problemsOf({ ADMIN_EMAIL: 'admin@example.org' })).toEqual(['ADMIN_PASSWORD']);
  });

  it('refuses ports out of range', () => {
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT']);
    expect(problemsOf({ EMBEDDED_POSTGRES_PORT: '0' })).toEqual(['EMBEDDED_POSTGRES_PORT']);
  });

  it('the error message lists each variable on its own line', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT: .*\n.*LOG_LEVEL: /s);
  });

  it('reads the search pipeline settings, with defaults', () => {
    expect(loadConfig({})).toMatchObject({
      outboxBatchSize: 200,
      outboxMaxAttempts: 10,
      outboxRetentionDays: 7,
      workerRelayEnabled: true,
      searchDriftIntervalMinutes: 60,
    });
    expect(
      loadConfig({
        OUTBOX_BATCH_SIZE: '50',
        OUTBOX_MAX_ATTEMPTS: '3',
        OUTBOX_RETENTION_DAYS: '0',
        WORKER_RELAY_ENABLED: 'false',
        SEARCH_DRIFT_INTERVAL_MINUTES: '0',
      }),
    ).toMatchObject({
      outboxBatchSize: 50,
      outboxMaxAttempts: 3,
      outboxRetentionDays: 0,
      workerRelayEnabled: false,
      searchDriftIntervalMinutes: 0,
    });
  });

  it('names bad search pipeline settings', () => {
    expect(
      problemsOf({
        OUTBOX_BATCH_SIZE: '0',
        OUTBOX_MAX_ATTEMPTS: 'many',
        OUTBOX_RETENTION_DAYS: '-1',
        WORKER_RELAY_ENABLED: 'maybe',
        SEARCH_DRIFT_INTERVAL_MINUTES: '1.5',
      }),
    ).toEqual([
      'OUTBOX_BATCH_SIZE',
      'OUTBOX_MAX_ATTEMPTS',
      'OUTBOX_RETENTION_DAYS',
      'WORKER_RELAY_ENABLED',
      'SEARCH_DRIFT_INTERVAL_MINUTES',
    ]);
  });

  it('reads the webhook settings: private targets refused unless switched on', () => {
    expect(loadConfig({}).webhooks).toEqual({
      allowPrivateTargets: false,
      maxAttempts: 8,
      backoffBaseMs: 30_000,
      timeoutMs: 5_000,
      maxPerOrganisation: 10,
    });
    expect(
      loadConfig({
        WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true',
        WEBHOOK_MAX_ATTEMPTS: '3',
        WEBHOOK_BACKOFF_BASE_MS: '20',
        WEBHOOK_TIMEOUT_MS: '2000',
        WEBHOOKS_PER_ORGANISATION: '2',
      }).webhooks,
    ).toEqual({
      allowPrivateTargets: true,
      maxAttempts: 3,
      backoffBaseMs: 20,
      timeoutMs: 2000,
      maxPerOrganisation: 2,
    });
    expect(
      problemsOf({
        WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'sometimes',
        WEBHOOK_MAX_ATTEMPTS: '0',
        WEBHOOK_BACKOFF_BASE_MS: 'fast',
        WEBHOOK_TIMEOUT_MS: '10',
        WEBHOOKS_PER_ORGANISATION: '0',
      }),
    ).toEqual([
      'WEBHOOKS_ALLOW_PRIVATE_TARGETS',
      'WEBHOOK_MAX_ATTEMPTS',
      'WEBHOOK_BACKOFF_BASE_MS',
      'WEBHOOK_TIMEOUT_MS',
      'WEBHOOKS_PER_ORGANISATION',
    ]);
  });

  it('reads the report cell-size threshold, 5 by default, and refuses one below 2', () => {
    expect(loadConfig({}).reportMinCellSize).toBe(5);
    expect(loadConfig({ REPORT_MIN_CELL_SIZE: '10' }).reportMinCellSize).toBe(10);
    expect(problemsOf({ REPORT_MIN_CELL_SIZE: '1' })).toEqual(['REPORT_MIN_CELL_SIZE']);
    expect(problemsOf({ REPORT_MIN_CELL_SIZE: 'five' })).toEqual(['REPORT_MIN_CELL_SIZE']);
  });

  it('limits registrations per IP and per e-mail domain, generously by default', () => {
    expect(loadConfig({}).registrationThrottle).toEqual({
      windowSeconds: 3600,
      perIp: 50,
      perDomain: 200,
    });
    expect(
      loadConfig({
        REGISTRATION_THROTTLE_WINDOW_SECONDS: '600',
        REGISTRATION_THROTTLE_PER_IP: '5',
        REGISTRATION_THROTTLE_PER_DOMAIN: '7',
      }).registrationThrottle,
    ).toEqual({ windowSeconds: 600, perIp: 5, perDomain: 7 });
    expect(
      problemsOf({
        REGISTRATION_THROTTLE_WINDOW_SECONDS: '0',
        REGISTRATION_THROTTLE_PER_IP: 'many',
        REGISTRATION_THROTTLE_PER_DOMAIN: '-3',
      }),
    ).toEqual([
      'REGISTRATION_THROTTLE_WINDOW_SECONDS',
      'REGISTRATION_THROTTLE_PER_IP',
      'REGISTRATION_THROTTLE_PER_DOMAIN',
    ]);
  });

  it('trusts no proxy unless TRUSTED_PROXIES lists addresses, ranges or named ranges', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(
      loadConfig({ TRUSTED_PROXIES: ' 10.0.0.1, 192.168.0.0/16 ,fd00::/8,::1,loopback' })
        .trustedProxies,
    ).toEqual(['10.0.0.1', '192.168.0.0/16', 'fd00::/8', '::1', 'loopback']);
    for (const bad of ['*', 'true', 'proxy.example.org', '10.0.0.0/33', '10.0.0.1/', '::1/129']) {
      expect(problemsOf({ TRUSTED_PROXIES: bad })).toEqual(['TRUSTED_PROXIES']);
    }
  });

  it('reads the mail settings: SMTP_URL optional, MAIL_FROM an address, bounds positive', () => {
    expect(loadConfig({}).mail).toEqual({
      smtpUrl: undefined,
      from: 'Talentbridge <no-reply@talentbridge.local>',
      perRecipientPerHour: 20,
      maxAttempts: 8,
      backoffBaseMs: 30_000,
    });
    expect(
      loadConfig({
        SMTP_URL: 'smtps://user:pw@smtp.example.org:465',
        MAIL_FROM: 'noreply@example.org',
        MAIL_PER_RECIPIENT_PER_HOUR: '5',
      }).mail,
    ).toMatchObject({
      smtpUrl: 'smtps://user:pw@smtp.example.org:465',
      from: 'noreply@example.org',
      perRecipientPerHour: 5,
    });
    expect(
      problemsOf({
        SMTP_URL: 'http://smtp.example.org',
        MAIL_FROM: 'Talentbridge',
        MAIL_PER_RECIPIENT_PER_HOUR: '0',
      }).sort(),
    ).toEqual(['MAIL_FROM', 'MAIL_PER_RECIPIENT_PER_HOUR', 'SMTP_URL']);
  });

  it('takes PUBLIC_URL, falling back to PUBLIC_BASE_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://tb.example.org/' }).publicBaseUrl).toBe(
      'https://tb.example.org',
    );
    expect(
      loadConfig({ PUBLIC_URL: 'https://a.example.org', PUBLIC_BASE_URL: 'https://b.example.org' })
        .publicBaseUrl,
    ).toBe('https://a.example.org');
    expect(problemsOf({ PUBLIC_URL: 'nowhere' })).toEqual(['PUBLIC_URL']);
  });

  it('reads FOLLOW_UP_OFFSETS as ISO 8601 durations, P3M,P6M,P12M by default', () => {
    expect(loadConfig({}).followUpOffsets).toEqual(['P3M', 'P6M', 'P12M']);
    expect(loadConfig({ FOLLOW_UP_OFFSETS: 'PT2S, pt4s' }).followUpOffsets).toEqual([
      'PT2S',
      'PT4S',
    ]);
    expect(loadConfig({ FOLLOW_UP_OFFSETS: 'P1Y6M,P2W,P10D' }).followUpOffsets).toHaveLength(3);
    for (const bad of ['3 months', 'P', 'PT', 'P0M', 'P3M,P3M', 'P3M,,P6M', 'P1.5M', '-P3M']) {
      expect([bad, problemsOf({ FOLLOW_UP_OFFSETS: bad })]).toEqual([bad, ['FOLLOW_UP_OFFSETS']]);
    }
    expect(() => loadConfig({ FOLLOW_UP_OFFSETS: 'P3X' })).toThrow(/FOLLOW_UP_OFFSETS: "P3X"/);
  });
});
