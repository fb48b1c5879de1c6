// dist/data-files.js: what the file picker reads of a data file (its rows and columns), required
// on first use — the readers (CSV, and hyparquet for Parquet) doubled the activation bundle.
export { useDisplayLanguage } from '../../core/display-language';
export { describeTableFile } from '../../node/table-file';
