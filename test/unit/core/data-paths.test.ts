import { describe, expect, it } from 'vitest';
import { findDataPaths } from '../../../src/core/data-paths';

describe('findDataPaths: the data files a Python script or cell reads', () => {
  it('finds the literals of data files and of table readers, with their spans', () => {
    const code = [
      'import pandas as pd, numpy as np',
      'df = pd.read_csv("data/house prices.csv")  # the d2l data',
      "X = np.loadtxt('points.txt', delimiter=',')",
      "t = pl.read_parquet(r'C:\\data\\big.parquet')",
      'with open("out/log.jsonl") as f: pass',
      'print("hello.txt")',
      '# pd.read_csv("commented.csv")',
      'url = pd.read_csv("https://example.com/x.csv")',
      'name = f"{year}.csv"',
      "s = 'it\\'s.csv'",
    ].join('\n');
    const found = findDataPaths(code);
    expect(found.map((f) => [f.line, f.path])).toEqual([
      [1, 'data/house prices.csv'],
      [2, 'points.txt'],
      [3, 'C:\\data\\big.parquet'],
      [4, 'out/log.jsonl'],
      [9, "it's.csv"],
    ]);
    const lines = code.split('\n');
    for (const f of found.slice(0, 4)) expect(lines[f.line].slice(f.start, f.end)).toBe(f.path);
  });
});
