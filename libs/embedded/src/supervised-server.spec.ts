import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { OutputTail, SupervisedServer, captureOutput } from './supervised-server.js';

/** A real child that prints a line, then runs until killed. */
function sleeper(tail: OutputTail): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['-e', 'console.error("\\u001b[31mready\\u001b[0m"); setInterval(() => {}, 1000)'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  captureOutput(child, tail, () => undefined);
  return new Promise((resolve) => child.stderr?.once('data', () => resolve(child)));
}

const until = async (check: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return check();
};

describe('OutputTail', () => {
  it('keeps the last lines, without terminal colours, indented for a message', () => {
    const tail = new OutputTail(2);
    expect(tail.format()).toBe('  (no output)');
    expect(tail.push('one\n\u001b[2mtwo\u001b[0m\r\n\n')).toEqual(['one', 'two']);
    tail.push(Buffer.from('three'));
    expect(tail.format()).toBe('  two\n  three');
  });
});

describe('SupervisedServer', () => {
  const servers: SupervisedServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  it('restarts a killed child, reporting how it ended and its last output', async () => {
    const events: string[] = [];
    const server = await SupervisedServer.start({
      name: 'Sleeper',
      launch: sleeper,
      onEvent: (m) => events.push(m),
      initialBackoffMs: 10,
    });
    servers.push(server);
    const first = server.process;
    first.kill('SIGKILL');
    expect(await until(() => server.restarts === 1)).toBe(true);
    expect(server.process.pid).not.toBe(first.pid);
    expect(server.process.exitCode).toBeNull();
    expect(events[0]).toMatch(/^Sleeper stopped unexpectedly \(signal SIGKILL\) after \d+ s/);
    expect(events[0]).toContain('\n  ready');
    expect(events.at(-1)).toMatch(/^Sleeper is running again \(pid \d+\)$/);
  });

  it('keeps trying with a growing delay while starts fail, then runs again', async () => {
    const events: string[] = [];
    let attempts = 0;
    const server = await SupervisedServer.start({
      name: 'Flaky',
      launch: async (tail) => {
        attempts += 1;
        if (attempts >= 2 && attempts <= 3) throw new Error(`Flaky failed attempt ${attempts}`);
        return sleeper(tail);
      },
      onEvent: (m) => events.push(m),
      initialBackoffMs: 10,
    });
    servers.push(server);
    server.process.kill('SIGKILL');
    expect(await until(() => server.restarts === 1)).toBe(true);
    expect(attempts).toBe(4);
    const delays = events
      .map((m) => /^restarting Flaky in (\d+) ms$/.exec(m)?.[1])
      .filter((d) => d !== undefined)
      .map(Number);
    expect(delays).toEqual([10, 20, 40]);
    expect(events).toContain('Flaky failed attempt 2');
  });

  it('stops for good: no restart after stop()', async () => {
    const server = await SupervisedServer.start({ name: 'Sleeper', launch: sleeper });
    const child = server.process;
    await server.stop();
    expect(child.signalCode).toBe('SIGTERM');
    await new Promise((r) => setTimeout(r, 700));
    expect(server.restarts).toBe(0);
    expect(server.process).toBe(child);
  });
});
