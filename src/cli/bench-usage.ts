// The bench command's usage line, apart from the command: the CLI's help needs it without
// loading the bench engine (and sucrase), which only `gauss-lab bench` does.
export const BENCH_USAGE = `  gauss-lab bench <file.js|.ts|.py|.md> [--json] [--timeout <s>] [--python <path>] [--budget <ms>]`;
