import { readdirSync, readFileSync } from 'node:fs';

/** Kernel clock ticks per second, as `getconf CLK_TCK` prints on Linux. */
const TICKS_PER_SECOND = 100;

/** Name, parent and CPU ms so far of one process from /proc/<pid>/stat; undefined when gone. */
function processCpuMs(pid: string): { name: string; ppid: string; ms: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid …": comm may hold spaces, so split after its closing parenthesis
  const close = stat.lastIndexOf(')');
  const name = stat.slice(stat.indexOf('(') + 1, close);
  const fields = stat.slice(close + 2).split(' ');
  // fields[1] is the parent; fields[11] and [12] are utime and stime (fields 14 and 15 of proc(5))
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { name, ppid: fields[1], ms: (ticks * 1000) / TICKS_PER_SECOND };
}

type Group = 'api' | 'worker' | 'engine' | 'postgres';

/** CPU so far of every process of interest, by pid, and of this process. */
export interface CpuSnapshot {
  processes: Map<string, { group: Group; ms: number }>;
  bench: number;
}

/** CPU ms of each group: the API, the workers, the engine, PostgreSQL, this process. */
export interface CpuByGroup {
  api: number;
  worker: number;
  engine: number;
  postgres: number;
  bench: number;
}

/**
 * CPU used so far by the API (process `apiPid` and every process it started, e.g. `start.js`
 * and its cluster), the worker processes `workerPids`, the Meilisearch server and every
 * PostgreSQL process (postmaster and backends, found by name), and this process. Linux only;
 * elsewhere empty.
 */
export function cpuSnapshot(
  apiPid: number | undefined,
  workerPids: readonly number[] = [],
): CpuSnapshot {
  const usage = process.cpuUsage();
  const all = new Map<string, { name: string; ppid: string; ms: number }>();
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    // not Linux: nothing to read
  }
  for (const pid of pids) {
    const p = processCpuMs(pid);
    if (p !== undefined) all.set(pid, p);
  }
  const workers = new Set(workerPids.map(String));
  const underApi = (pid: string): boolean => {
    for (let at: string | undefined = pid, hops = 0; at !== undefined && hops < 8; hops += 1) {
      if (apiPid !== undefined && at === String(apiPid)) return true;
      at = all.get(at)?.ppid;
    }
    return false;
  };
  const processes = new Map<string, { group: Group; ms: number }>();
  for (const [pid, p] of all) {
    const group: Group | undefined = workers.has(pid)
      ? 'worker'
      : p.name === 'meilisearch'
        ? 'engine'
        : p.name === 'postgres'
          ? 'postgres'
          : underApi(pid)
            ? 'api'
            : undefined;
    if (group !== undefined) processes.set(pid, { group, ms: p.ms });
  }
  return { processes, bench: (usage.user + usage.system) / 1000 };
}

/**
 * CPU ms each group used between two snapshots: what every process still alive at the end used
 * since the first (all of it for processes started in between).
 */
export function cpuUsedBetween(before: CpuSnapshot, after: CpuSnapshot): CpuByGroup {
  const used: CpuByGroup = {
    api: 0,
    worker: 0,
    engine: 0,
    postgres: 0,
    bench: after.bench - before.bench,
  };
  for (const [pid, p] of after.processes) {
    used[p.group] += p.ms - (before.processes.get(pid)?.ms ?? 0);
  }
  return used;
}
