/**
 * Node adapter for saved models: reading a model file (validated), predicting a CSV file with it,
 * and writing outputs without ever replacing a file that exists unless asked.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { modelPredictor, type ModelPredictor } from '../core/model-predictor';
import { predictCsv, type PredictCsvOptions, type PredictCsvResult } from '../core/predict-csv';
import { MAX_MODEL_BYTES, ModelFileError, parseSavedModel, type SavedModel } from '../core/saved-model';
import { CsvError } from '../core/csv';

/** The model of a file, checked (schema, sizes, formula against coefficients). @throws ModelFileError */
export async function readModelFile(path: string): Promise<{ model: SavedModel; predictor: ModelPredictor }> {
  const file = basename(path);
  let text: string;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new ModelFileError(`${file} is a folder, not a model file (${path})`);
    if (s.size > MAX_MODEL_BYTES) throw new ModelFileError(`${file} is larger than a model file can be (${MAX_MODEL_BYTES >> 20} MB)`);
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (e instanceof ModelFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new ModelFileError(code === 'ENOENT' ? `${file}: no such model file (${path}); save one with gauss-lab fit … --save-model ${file}` : `${file} cannot be read: ${(e as Error).message}`);
  }
  const model = parseSavedModel(text, file);
  return { model, predictor: modelPredictor(model, file) };
}

/** Predictions for every row of a CSV file. @throws CsvError for the file, ModelFileError for the model */
export async function predictFile(
  predictor: ModelPredictor,
  dataPath: string,
  options: Omit<PredictCsvOptions, 'fileName'>,
): Promise<PredictCsvResult> {
  const file = basename(dataPath);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(dataPath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CsvError(code === 'ENOENT' ? 'file-not-found' : 'read-failed', file, code === 'ENOENT' ? `${file}: no such file (${dataPath})` : `${file} cannot be read: ${(e as Error).message}`);
  }
  return predictCsv(bytes, predictor, { ...options, fileName: file });
}

/** Writes `text` to a new file; an existing one is replaced only with `replace`. @returns false when it exists and was kept */
export async function writeNewFile(path: string, text: string, replace: boolean): Promise<boolean> {
  try {
    await writeFile(path, text, { encoding: 'utf8', flag: replace ? 'w' : 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}
