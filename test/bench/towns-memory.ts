/**
 * Run by towns.bench.ts in a fresh process: what the town catalogue adds to a process's
 * resident memory (RSS and heap after full collections, before loading it, right after, and
 * once settled).
 * Prints one JSON line. `node --expose-gc --import tsx test/bench/towns-memory.ts [abroadMin]`
 */
import { TownCatalogue } from '@app/geonames';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');
/** Full collections over `seconds`, so V8 also hands back the pages it no longer needs. */
const settle = async (seconds: number) => {
  for (let i = 0; i < seconds * 2; i += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return process.memoryUsage();
};

const abroadMinPopulation = Number(process.argv[2] ?? 50_000);
const before = await settle(2);
const started = Date.now();
const catalogue = new TownCatalogue({ abroadMinPopulation });
catalogue.load();
const loadMs = Date.now() - started;
// Right after loading, the heap still holds the pages the reading and folding used (~+45 MB
// RSS); an idle process gives them back within seconds, as an API does after starting.
const peak = await settle(0.5);
const after = await settle(8);
if (catalogue.find('RS', 'Београд')?.id !== 792680) throw new Error('catalogue did not load');
process.stdout.write(`${JSON.stringify({ towns: catalogue.size, loadMs, before, peak, after })}\n`);
