// A tiny test list for the extension host: named tests, run in order, each with a timeout.
// Results are printed one line each, then one machine-readable line the e2e harness parses.

export interface TestCase {
  readonly name: string;
  readonly fn: () => Promise<void> | void;
  readonly timeoutMs?: number;
}

export interface TestResult {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly error?: string;
}

/** Prefix of the summary line: `GAUSS_LAB_SUITE_RESULT {"passed":N,"failed":N,"results":[…]}`. */
export const RESULT_MARKER = 'GAUSS_LAB_SUITE_RESULT';

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Runs every test (a failure does not stop the list); rejects when any failed. */
export async function runTests(suite: string, tests: readonly TestCase[]): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const t of tests) {
    const t0 = Date.now();
    try {
      await withTimeout(Promise.resolve().then(t.fn), t.timeoutMs ?? 30_000, t.name);
      results.push({ name: t.name, ok: true, ms: Date.now() - t0 });
      console.log(`  ✓ ${suite}: ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      results.push({ name: t.name, ok: false, ms: Date.now() - t0, error });
      console.log(`  ✗ ${suite}: ${t.name} (${Date.now() - t0} ms)\n${error}`);
    }
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`${RESULT_MARKER} ${JSON.stringify({ passed, failed, results })}`);
  console.log(`${suite}: ${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} in-host test(s) failed`);
  return results;
}

/** Polls `probe` until it returns a truthy value; throws `what` after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}
