import { afterAll, describe, expect, it, jest } from '@jest/globals';
import {
  EmbeddedServerStartError,
  UnreachableDataDirError,
  postgresNativeDir,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from '@app/embedded';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

// initdb and first starts take seconds each on a loaded machine
jest.setTimeout(180_000);

const asRoot = process.getuid?.() === 0;

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ one: number }>('SELECT 1 AS one');
    return rows[0]?.one === 1;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe('embedded PostgreSQL', () => {
  const root = mkdtempSync(join(tmpdir(), 'talentbridge-embedded-pg-'));
  chmodSync(root, 0o711); // ours, and PostgreSQL's own account must pass through it as root
  const started: EmbeddedPostgresHandle[] = [];
  afterAll(async () => {
    await Promise.allSettled(started.map((s) => s.stop()));
    rmSync(root, { recursive: true, force: true });
  });

  it('comes back by itself after kill -9 of the postmaster, and says why it stopped', async () => {
    const events: string[] = [];
    const postgres = await startEmbeddedPostgres({
      dir: join(root, 'crash'),
      onEvent: (message) => events.push(message),
      restartBackoffMs: 200,
    });
    started.push(postgres);
    expect(await answers(postgres.url)).toBe(true);
    const firstPid = postgres.process.pid;

    postgres.process.kill('SIGKILL');
    expect(await eventually(async () => postgres.restarts === 1, 60_000)).toBe(true);
    expect(await answers(postgres.url)).toBe(true);
    expect(postgres.process.pid).not.toBe(firstPid);
    expect(events.join('\n')).toContain('PostgreSQL stopped unexpectedly (signal SIGKILL)');

    await postgres.stop();
    expect(await answers(postgres.url)).toBe(false);
  });

  it("fails to start with the server's own error output when its port is taken", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const error = await startEmbeddedPostgres({ dir: join(root, 'taken'), port }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(EmbeddedServerStartError);
      expect((error as Error).message).toMatch(/^PostgreSQL exited with code 1/);
      expect((error as Error).message).toContain('Address already in use');
    } finally {
      taken.close();
    }
  });

  (asRoot ? describe : describe.skip)('as root, from folders only root may enter', () => {
    it('runs binaries that sit in a 700 folder (a checkout under /root) from a copy', async () => {
      const closed = join(root, 'closed-checkout');
      mkdirSync(closed, { mode: 0o700 });
      chmodSync(closed, 0o700);
      const native = join(closed, 'native');
      cpSync(postgresNativeDir(), native, { recursive: true, verbatimSymlinks: true });

      const dir = join(root, 'from-closed');
      const postgres = await startEmbeddedPostgres({ dir, nativeDir: native });
      started.push(postgres);
      expect(await answers(postgres.url)).toBe(true);
      expect(existsSync(join(dir, 'runtime-local', 'bin', 'postgres'))).toBe(true);
      await postgres.stop();
    });

    it('refuses a data directory below a 700 folder, naming the folder and the fix', async () => {
      const closed = join(root, 'closed-data');
      mkdirSync(closed, { mode: 0o700 });
      chmodSync(closed, 0o700);
      const error = await startEmbeddedPostgres({ dir: join(closed, 'postgres') }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UnreachableDataDirError);
      expect((error as Error).message).toContain(`cannot enter ${closed} (mode 700)`);
      expect((error as Error).message).toContain(`chmod o+x ${closed}`);
      expect((error as Error).message).toContain('DATA_DIR');
    });
  });
});
