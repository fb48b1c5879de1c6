// The bench engine's public API, for the code lens and the CLI.
//   findBenchGroups(text, languageId)  → groups with line ranges (pure)
//   runBenchGroup(group, options)      → a result value (processes; never the extension host)
//   formatVerdict / formatHover        → the lens line and the hover's Markdown (pure)
//   BenchQueue                         → one group at a time
export { findBenchGroups } from './markers';
export type { BenchGroup, BenchRegion, BenchDiagnostic, BenchLanguageId, SnippetLanguage } from './markers';
export { runBenchGroup, DEFAULT_BUDGET_MS, DEFAULT_MIN_SAMPLES, DEFAULT_TIMEOUT_MS } from './runner';
export { BenchQueue } from './queue';
export { formatVerdict, formatHover, formatBenchTable, formatDuration, formatFactor } from './verdict';
export type { BenchGroupResult, BenchSuccess, BenchFailure, BenchCancelled, BenchProgress, BenchRunOptions, BenchRatio, BenchWarning, VariantResult } from './result';
export { summarize, pairedRatio, quantileSorted, median, mean, sampleSd, relativeMarginOfError } from './statistics';
export type { SampleSummary, RatioEstimate } from './statistics';
