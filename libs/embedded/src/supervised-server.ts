import type { ChildProcess } from 'node:child_process';

// colours of a server logging to what it takes for a terminal
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPES = /\x1b\[[0-9;]*[A-Za-z]/g;

/** The last lines a server wrote (stdout and stderr together), to say why it stopped. */
export class OutputTail {
  private readonly lines: string[] = [];

  constructor(private readonly max = 20) {}

  /** Records a chunk of output; returns its non-empty lines (for a log). */
  push(chunk: Buffer | string): string[] {
    const lines = chunk
      .toString()
      .replace(ANSI_ESCAPES, '')
      .split(/\r?\n/)
      .map((l) => l.trimEnd())
      .filter((l) => l.trim() !== '');
    this.lines.push(...lines);
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
    return lines;
  }

  /** The recorded lines, indented for a message; `(no output)` when there are none. */
  format(): string {
    return this.lines.length === 0 ? '  (no output)' : this.lines.map((l) => `  ${l}`).join('\n');
  }

  clear(): void {
    this.lines.length = 0;
  }
}

/** Forwards a child's stdout and stderr to `tail` and, line by line, to `log`. */
export function captureOutput(
  child: ChildProcess,
  tail: OutputTail,
  log: (line: string) => void,
): void {
  const forward = (chunk: Buffer) => {
    for (const line of tail.push(chunk)) log(line);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
}

/** An embedded server did not come up; the message carries its own last output. */
export class EmbeddedServerStartError extends Error {
  constructor(server: string, reason: string, tail: OutputTail) {
    super(`${server} ${reason}. Its output:\n${tail.format()}`);
    this.name = 'EmbeddedServerStartError';
  }
}

/** How a child ended: `code 2` or `signal SIGKILL`. */
export function describeExit(child: ChildProcess): string {
  return child.signalCode !== null ? `signal ${child.signalCode}` : `code ${child.exitCode}`;
}

/** How {@link waitUntilReady} probes a starting server and what it calls the state it waits for. */
export interface ReadinessProbe {
  server: string;
  /** Resolves true once the server answers as ready; false or a throw means "not yet". */
  ready: () => Promise<boolean>;
  /** For messages: "becoming healthy", "accepting connections". */
  becoming: string;
  timeoutMs: number;
  /** How a server that never became ready is stopped. */
  killSignal: NodeJS.Signals;
}

/**
 * Polls `probe.ready` every 100 ms until it says yes, failing fast (with the output tail) when the
 * process cannot be spawned or exits first, and stopping it when the deadline passes.
 */
export async function waitUntilReady(
  child: ChildProcess,
  tail: OutputTail,
  probe: ReadinessProbe,
): Promise<void> {
  let spawnError: Error | undefined;
  child.once('error', (e) => (spawnError = e));
  const closed = new Promise((resolve) => child.once('close', resolve));
  const deadline = Date.now() + probe.timeoutMs;
  while (Date.now() < deadline) {
    if (spawnError !== undefined) {
      throw new EmbeddedServerStartError(
        probe.server,
        `could not start: ${spawnError.message}`,
        tail,
      );
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      // the last of its output may still be in the pipe
      await Promise.race([closed, new Promise((r) => setTimeout(r, 1_000))]);
      throw new EmbeddedServerStartError(
        probe.server,
        `exited with ${describeExit(child)} before ${probe.becoming}`,
        tail,
      );
    }
    if (await probe.ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill(probe.killSignal);
  throw new EmbeddedServerStartError(
    probe.server,
    `did not start ${probe.becoming} within ${probe.timeoutMs} ms`,
    tail,
  );
}

export interface SupervisorOptions {
  /** Name in messages (`Meilisearch`, `PostgreSQL`). */
  name: string;
  /** Starts the server and resolves once it answers; rejects with its output otherwise. */
  launch: (tail: OutputTail) => Promise<ChildProcess>;
  /** Crashes and restarts, always worth showing. */
  onEvent?: (message: string) => void;
  /** First delay before a restart; doubles after each failed one, up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** False: a crash is reported, not repaired (default true). */
  restartOnCrash?: boolean;
  /** A server that ran this long before crashing restarts after the first delay again. */
  stableAfterMs?: number;
  /** Sends the stop request; the supervisor waits for the exit (and kills after `stopTimeoutMs`). */
  requestStop?: (child: ChildProcess) => void;
  stopTimeoutMs?: number;
}

/**
 * Keeps a local server running: when it exits without being asked to, the supervisor says why
 * (its exit and its last output) and starts it again on the same port and data, waiting longer
 * after each failed attempt. Only `stop()` ends it for good.
 */
export class SupervisedServer {
  private child: ChildProcess;
  private stopping = false;
  private startedAt = Date.now();
  private backoffMs: number;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly tail: OutputTail;
  private launching: Promise<unknown> | undefined;
  private restartCount = 0;
  private readonly listeners = new Set<(child: ChildProcess) => void>();

  private constructor(
    private readonly options: SupervisorOptions,
    first: ChildProcess,
    tail: OutputTail,
  ) {
    this.tail = tail;
    this.child = first;
    this.backoffMs = this.initialBackoff;
    this.watch(first);
  }

  /** Starts the server once (a failure here is thrown, with the server's output) and supervises it. */
  static async start(options: SupervisorOptions): Promise<SupervisedServer> {
    const tail = new OutputTail();
    const child = await options.launch(tail);
    return new SupervisedServer(options, child, tail);
  }

  /** The process running now (a new one after each restart). */
  get process(): ChildProcess {
    return this.child;
  }

  /** How many times the server was started again after a crash. */
  get restarts(): number {
    return this.restartCount;
  }

  /** Calls `listener` with each restarted process. */
  onRestart(listener: (child: ChildProcess) => void): void {
    this.listeners.add(listener);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    await this.launching; // a restart under way ends with `this.child` set to what it started
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    (this.options.requestStop ?? ((c) => c.kill('SIGTERM')))(child);
    const timer = setTimeout(() => child.kill('SIGKILL'), this.options.stopTimeoutMs ?? 10_000);
    await exited;
    clearTimeout(timer);
  }

  private get initialBackoff(): number {
    return this.options.initialBackoffMs ?? 500;
  }

  private watch(child: ChildProcess): void {
    child.once('exit', () => {
      if (this.stopping || child !== this.child) return;
      const ranMs = Date.now() - this.startedAt;
      if (ranMs >= (this.options.stableAfterMs ?? 60_000)) this.backoffMs = this.initialBackoff;
      this.say(
        `${this.options.name} stopped unexpectedly (${describeExit(child)}) after ` +
          `${Math.round(ranMs / 1000)} s; its last output:\n${this.tail.format()}`,
      );
      if (this.options.restartOnCrash !== false) this.scheduleRestart();
    });
  }

  private scheduleRestart(): void {
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs ?? 30_000);
    this.say(`restarting ${this.options.name} in ${delay} ms`);
    this.restartTimer = setTimeout(() => void this.restart(), delay);
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    this.tail.clear();
    const attempt = this.options.launch(this.tail).then((child) => {
      this.child = child;
      return child;
    });
    this.launching = attempt.catch(() => undefined);
    try {
      const child = await attempt;
      if (this.stopping) return; // stop() is waiting and stops it
      this.startedAt = Date.now();
      this.restartCount += 1;
      this.watch(child);
      this.say(`${this.options.name} is running again (pid ${child.pid})`);
      for (const listener of this.listeners) listener(child);
    } catch (error) {
      if (this.stopping) return;
      this.say(`${error instanceof Error ? error.message : String(error)}`);
      this.scheduleRestart();
    }
  }

  private say(message: string): void {
    this.options.onEvent?.(message);
  }
}
