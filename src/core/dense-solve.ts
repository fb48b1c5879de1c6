/**
 * Small dense systems (k×k, k the number of coefficients) for the exact optimum's basis steps:
 * Gaussian elimination with partial pivoting, which is all a k ≤ a few hundred system needs.
 */

/** Solves A z = rhs (k×k row-major, overwritten) by Gaussian elimination with partial pivoting; undefined when singular. */
export function solveDense(A: Float64Array, rhs: Float64Array, k: number): Float64Array | undefined {
  let norm = 0;
  for (let i = 0; i < A.length; i++) norm = Math.max(norm, Math.abs(A[i]));
  const tiny = norm * 1e-13;
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r * k + c]) > Math.abs(A[p * k + c])) p = r;
    if (!(Math.abs(A[p * k + c]) > tiny)) return undefined;
    if (p !== c) {
      for (let j = 0; j < k; j++) [A[c * k + j], A[p * k + j]] = [A[p * k + j], A[c * k + j]];
      [rhs[c], rhs[p]] = [rhs[p], rhs[c]];
    }
    for (let r = c + 1; r < k; r++) {
      const f = A[r * k + c] / A[c * k + c];
      if (f === 0) continue;
      for (let j = c; j < k; j++) A[r * k + j] -= f * A[c * k + j];
      rhs[r] -= f * rhs[c];
    }
  }
  const z = new Float64Array(k);
  for (let r = k - 1; r >= 0; r--) {
    let s = rhs[r];
    for (let j = r + 1; j < k; j++) s -= A[r * k + j] * z[j];
    z[r] = s / A[r * k + r];
  }
  return z;
}

/** The numerical rank of an m×k row-major matrix (Gaussian elimination with partial pivoting). */
export function rankOf(M: Float64Array, m: number, k: number): number {
  const A = Float64Array.from(M);
  let norm = 0;
  for (const v of A) norm = Math.max(norm, Math.abs(v));
  const tiny = norm * 1e-12;
  let rank = 0;
  for (let c = 0; c < k && rank < m; c++) {
    let p = rank;
    for (let r = rank + 1; r < m; r++) if (Math.abs(A[r * k + c]) > Math.abs(A[p * k + c])) p = r;
    if (!(Math.abs(A[p * k + c]) > tiny)) continue;
    for (let j = 0; j < k; j++) [A[rank * k + j], A[p * k + j]] = [A[p * k + j], A[rank * k + j]];
    for (let r = rank + 1; r < m; r++) {
      const f = A[r * k + c] / A[rank * k + c];
      for (let j = c; j < k; j++) A[r * k + j] -= f * A[rank * k + j];
    }
    rank++;
  }
  return rank;
}
