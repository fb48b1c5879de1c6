// A tiny test list for the extension host: named tests, run in order, each with a timeout.
// Each test announces its start and its end on one machine-readable line as it happens (the
// e2e harness streams them and gives each test its own deadline), then a summary line.

import markers from './markers.json';

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
export const RESULT_MARKER = markers.result;
/** `GAUSS_LAB_TEST_START {"name":…,"timeoutMs":N}` before a test runs. */
const START_MARKER = markers.start;
/** `GAUSS_LAB_TEST_END {"name":…,"ok":…,"ms":N,"error"?:…}` as soon as it ends. */
const END_MARKER = markers.end;
/** Default per-test timeout. */
export const DEFAULT_TIMEOUT_MS = 30_000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs every test (a failure does not stop the list); rejects when any failed, or when there
 * was no test to run (a filter that matches nothing must not pass).
 */
export async function runTests(suite: string, tests: readonly TestCase[]): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const t of tests) {
    const t0 = Date.now();
    const timeoutMs = t.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    console.log(`${START_MARKER} ${JSON.stringify({ name: t.name, timeoutMs })}`);
    let result: TestResult;
    try {
      await withTimeout(Promise.resolve().then(t.fn), timeoutMs, t.name);
      result = { name: t.name, ok: true, ms: Date.now() - t0 };
    } catch (e) {
      result = { name: t.name, ok: false, ms: Date.now() - t0, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    results.push(result);
    console.log(`${END_MARKER} ${JSON.stringify(result)}`);
  }
  if (results.length === 0) {
    results.push({ name: 'the suite ran at least one test', ok: false, ms: 0, error: 'no test was selected (is GAUSS_LAB_E2E_ONLY a filter that matches nothing?)' });
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
