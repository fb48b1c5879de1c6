// Watching /proc for the processes a benchmark run starts (the extension host and the tests
// share the machine, so the tests see exactly what a run spawns).
import { readdirSync, readFileSync } from 'node:fs';
import benchProcess from '../../shared/bench-process.json';

const PATTERN = new RegExp(benchProcess.pattern);

/** How long a watch must see nothing before "no benchmark process started" is believed (see the JSON). */
export const SPAWN_WINDOW_MS = benchProcess.watchWindowMs;

/** Snippet processes alive now: `pid: command line`. */
export function benchProcesses(): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (PATTERN.test(cmd)) found.push(`${pid}: ${cmd.slice(0, 200)}`);
    } catch {
      // ended while we looked
    }
  }
  return found;
}

/**
 * Polls /proc every 20 ms from now on; `stop()` returns what it saw and when it first saw one,
 * `windowPassed()` resolves after SPAWN_WINDOW_MS, or as soon as a process is seen.
 */
export function watchBenchProcesses(): { stop(): { seen: string[]; firstMs: number | undefined }; windowPassed(): Promise<void> } {
  const t0 = Date.now();
  const seen = new Set<string>();
  let firstMs: number | undefined;
  const timer = setInterval(() => {
    for (const p of benchProcesses()) {
      firstMs ??= Date.now() - t0;
      seen.add(p);
    }
  }, 20);
  return {
    windowPassed: async () => {
      while (Date.now() - t0 < SPAWN_WINDOW_MS && seen.size === 0) await new Promise((r) => setTimeout(r, 20));
    },
    stop: () => {
      clearInterval(timer);
      return { seen: [...seen], firstMs };
    },
  };
}
