import { afterAll, describe, expect, it, jest } from '@jest/globals';
import {
  EmbeddedServerStartError,
  startEmbeddedMeilisearch,
  type EmbeddedMeilisearchHandle,
} from '@app/embedded';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(120_000);

/** Polls until `check` holds or `ms` pass. */
async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

const healthy = (host: string) => async (): Promise<boolean> => {
  try {
    return (await fetch(`${host}/health`, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
};

describe('embedded Meilisearch', () => {
  const root = mkdtempSync(join(tmpdir(), 'talentbridge-embedded-meili-'));
  const started: EmbeddedMeilisearchHandle[] = [];
  afterAll(async () => {
    await Promise.allSettled(started.map((s) => s.stop()));
    rmSync(root, { recursive: true, force: true });
  });

  it('starts with a master key that begins with "-", which no process listing shows', async () => {
    const masterKey = '-aBcDeFgHiJkLmNoPqRsTuVwX'; // what 1 in 64 generated keys looks like
    const meili = await startEmbeddedMeilisearch({ dir: join(root, 'dash'), masterKey });
    started.push(meili);

    const keys = (key?: string) =>
      fetch(`${meili.host}/keys`, {
        headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
      });
    expect((await keys(masterKey)).status).toBe(200);
    expect((await keys()).status).toBe(401);

    const pid = meili.process.pid as number;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    expect(cmdline).toContain('--http-addr');
    expect(cmdline).not.toContain(masterKey);
    const ps = execFileSync('ps', ['-ww', '-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
    expect(ps).toContain('meilisearch');
    expect(ps).not.toContain(masterKey);
  });

  it('indexes with bounded memory and threads: 512 MiB unless told otherwise', async () => {
    const args = (m: EmbeddedMeilisearchHandle) =>
      readFileSync(`/proc/${m.process.pid}/cmdline`, 'utf8').split('\0');
    const byDefault = await startEmbeddedMeilisearch({ dir: join(root, 'memory-default') });
    started.push(byDefault);
    const told = await startEmbeddedMeilisearch({
      dir: join(root, 'memory-told'),
      indexingMemoryMib: 256,
      indexingThreads: 1,
    });
    started.push(told);
    const after = (list: string[], flag: string) => list[list.indexOf(flag) + 1];
    expect(after(args(byDefault), '--max-indexing-memory')).toBe('512MiB');
    expect(after(args(told), '--max-indexing-memory')).toBe('256MiB');
    expect(after(args(told), '--max-indexing-threads')).toBe('1');
    // the engine accepted them: it answers, and indexes a document
    const res = await fetch(`${told.host}/indexes/probe/documents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${told.masterKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify([{ id: 1, name: 'probe' }]),
    });
    expect(res.status).toBe(202);
  });

  it('comes back by itself after kill -9, on the same port, and says why it stopped', async () => {
    const events: string[] = [];
    const meili = await startEmbeddedMeilisearch({
      dir: join(root, 'crash'),
      onEvent: (message) => events.push(message),
      restartBackoffMs: 200,
    });
    started.push(meili);
    const firstPid = meili.process.pid;

    meili.process.kill('SIGKILL');
    // (the restart may be done before a poll could see it down, so count restarts instead)
    expect(await eventually(async () => meili.restarts === 1, 30_000)).toBe(true);
    expect(await eventually(healthy(meili.host), 30_000)).toBe(true);
    expect(meili.process.pid).not.toBe(firstPid);
    expect(meili.restarts).toBe(1);
    expect(events.join('\n')).toContain('Meilisearch stopped unexpectedly (signal SIGKILL)');
    expect(events.join('\n')).toMatch(/Meilisearch is running again/);

    await meili.stop();
    expect(meili.process.signalCode ?? meili.process.exitCode).not.toBeNull();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await healthy(meili.host)()).toBe(false); // stop is for good
  });

  it("fails to start with the server's own error output, not only an exit code", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const error = await startEmbeddedMeilisearch({ dir: join(root, 'taken'), port }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(EmbeddedServerStartError);
      expect((error as Error).message).toMatch(/^Meilisearch exited with code \d+/);
      expect((error as Error).message).toContain('Address already in use');
    } finally {
      taken.close();
    }
  });
});
