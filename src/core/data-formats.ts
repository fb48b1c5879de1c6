/**
 * The data file formats the playground and the CLI read, by name and file extension: the one list
 * the readers (src/node), the file picker and the Explorer's menu follow.
 */
export const DATA_FORMATS = [
  { name: 'CSV', extensions: ['.csv', '.tsv', '.txt'] },
  { name: 'Parquet', extensions: ['.parquet', '.parq'] },
  { name: 'JSON Lines', extensions: ['.jsonl', '.ndjson'] },
] as const;

/** Extensions a picker lists unasked: every format's but `.txt` (most .txt files are not tables; Browse… opens one). */
export const LISTED_EXTENSIONS: readonly string[] = DATA_FORMATS.flatMap((f) => f.extensions).filter((e) => e !== '.txt');
