import { readdirSync, readFileSync } from 'node:fs';

/** Kernel clock ticks per second, as `getconf CLK_TCK` prints on Linux. */
const TICKS_PER_SECOND = 100;

/** Name and CPU ms so far of one process from /proc/<pid>/stat; undefined when it is gone. */
function processCpuMs(pid: string): { name: string; ms: number } | undefined {
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
  // fields[11] and [12] are utime and stime (fields 14 and 15 of proc(5))
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { name, ms: (ticks * 1000) / TICKS_PER_SECOND };
}

type Group = 'api' | 'engine' | 'postgres';

/** CPU so far of every process of interest, by pid, and of this process. */
export interface CpuSnapshot {
  processes: Map<string, { group: Group; ms: number }>;
  bench: number;
}

/** CPU ms of each group: the API process, the engine, PostgreSQL, this process. */
export interface CpuByGroup {
  api: number;
  engine: number;
  postgres: number;
  bench: number;
}

/**
 * CPU used so far by the API process, the Meilisearch server and every PostgreSQL process
 * (postmaster and backends, found by name), and this process. Linux only; elsewhere empty.
 */
export function cpuSnapshot(apiPid: number | undefined): CpuSnapshot {
  const usage = process.cpuUsage();
  const processes = new Map<string, { group: Group; ms: number }>();
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    // not Linux: nothing to read
  }
  for (const pid of pids) {
    const p = processCpuMs(pid);
    if (p === undefined) continue;
    const group: Group | undefined =
      apiPid !== undefined && pid === String(apiPid)
        ? 'api'
        : p.name === 'meilisearch'
          ? 'engine'
          : p.name === 'postgres'
            ? 'postgres'
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
  const used: CpuByGroup = { api: 0, engine: 0, postgres: 0, bench: after.bench - before.bench };
  for (const [pid, p] of after.processes) {
    used[p.group] += p.ms - (before.processes.get(pid)?.ms ?? 0);
  }
  return used;
}
