/**
 * Small dense orthogonal kernels in double precision, column-major storage.
 *
 * - `tsqrStep`: the streaming (tall-skinny) QR update: stack a block of rows under an
 *   upper-triangular R and re-triangularize with Householder reflections that exploit
 *   R's zeros. Starting from R = 0 it is a plain Householder QR of the block; merging
 *   two factorizations is one step with the other R as the block.
 * - `singularValues`: one-sided Jacobi SVD (Hestenes) of a small matrix.
 */

/**
 * Replaces R (m×m upper triangular, `r[i + j*m]`) by the triangular factor of [R; B],
 * where B has `rows` rows and m columns stored with leading dimension `ld`
 * (`b[i + j*ld]`). B is overwritten (used as scratch).
 * Cost ≈ 2·rows·m² flops. Diagonal entries of R may come out negative.
 * @example const r = new Float64Array(1); tsqrStep(r, 1, Float64Array.of(3, 4), 2, 2); // r[0] = ±5
 */
export function tsqrStep(r: Float64Array, m: number, b: Float64Array, rows: number, ld: number): void {
  // Σ b_j² of the next column is accumulated while that column is updated (one pass fewer
  // per column), and the Householder vector v = [1; b_j / v0] is never formed: its scale
  // is applied to the dot products and the updates instead (one more pass saved).
  let sigma = 0;
  for (let i = 0; i < rows; i++) sigma += b[i] * b[i];
  for (let j = 0; j < m; j++) {
    const bj = j * ld;
    let sigmaNext = 0;
    if (sigma === 0) {
      if (j + 1 < m) {
        const bn = bj + ld;
        for (let i = 0; i < rows; i++) sigmaNext += b[bn + i] * b[bn + i];
      }
      sigma = sigmaNext;
      continue;
    }
    const rjj = r[j + j * m];
    const alpha = Math.sqrt(rjj * rjj + sigma);
    const beta = rjj >= 0 ? -alpha : alpha; // new diagonal entry
    const v0 = rjj - beta; // |v0| = |rjj| + alpha > 0
    const tau = -v0 / beta;
    const inv = 1 / v0;
    // with v = [1; b_j·inv]: s_c = τ·(r_jc + inv·b_jᵀb_c), r_jc −= s_c, b_c −= (s_c·inv)·b_j
    let c = j + 1;
    // four columns at a time: each load of b_j serves all four
    for (; c + 3 < m; c += 4) {
      const b0 = c * ld;
      const b1 = b0 + ld;
      const b2 = b1 + ld;
      const b3 = b2 + ld;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0; i < rows; i++) {
        const v = b[bj + i];
        s0 += v * b[b0 + i];
        s1 += v * b[b1 + i];
        s2 += v * b[b2 + i];
        s3 += v * b[b3 + i];
      }
      s0 = tau * (r[j + c * m] + inv * s0);
      s1 = tau * (r[j + (c + 1) * m] + inv * s1);
      s2 = tau * (r[j + (c + 2) * m] + inv * s2);
      s3 = tau * (r[j + (c + 3) * m] + inv * s3);
      r[j + c * m] -= s0;
      r[j + (c + 1) * m] -= s1;
      r[j + (c + 2) * m] -= s2;
      r[j + (c + 3) * m] -= s3;
      const f0 = s0 * inv;
      const f1 = s1 * inv;
      const f2 = s2 * inv;
      const f3 = s3 * inv;
      if (c === j + 1) {
        for (let i = 0; i < rows; i++) {
          const v = b[bj + i];
          const x = b[b0 + i] - f0 * v;
          b[b0 + i] = x;
          sigmaNext += x * x;
          b[b1 + i] -= f1 * v;
          b[b2 + i] -= f2 * v;
          b[b3 + i] -= f3 * v;
        }
      } else {
        for (let i = 0; i < rows; i++) {
          const v = b[bj + i];
          b[b0 + i] -= f0 * v;
          b[b1 + i] -= f1 * v;
          b[b2 + i] -= f2 * v;
          b[b3 + i] -= f3 * v;
        }
      }
    }
    for (; c < m; c++) {
      const bc = c * ld;
      let s = 0;
      for (let i = 0; i < rows; i++) s += b[bj + i] * b[bc + i];
      s = tau * (r[j + c * m] + inv * s);
      r[j + c * m] -= s;
      const f = s * inv;
      if (c === j + 1) {
        for (let i = 0; i < rows; i++) {
          const x = b[bc + i] - f * b[bj + i];
          b[bc + i] = x;
          sigmaNext += x * x;
        }
      } else {
        for (let i = 0; i < rows; i++) b[bc + i] -= f * b[bj + i];
      }
    }
    r[j + j * m] = beta;
    sigma = sigmaNext;
  }
}

/**
 * Singular values of the rows×cols matrix `a` (column-major, rows ≥ cols), in
 * decreasing order, by one-sided Jacobi rotations. Accurate to ~eps·σ_max. `a` is
 * not modified.
 * @example singularValues(Float64Array.of(3, 0, 0, 4), 2, 2) // Float64Array [4, 3]
 */
export function singularValues(a: Float64Array, rows: number, cols: number): Float64Array {
  const w = Float64Array.from(a.subarray(0, rows * cols));
  const tol = 1e-15;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < cols - 1; p++) {
      for (let q = p + 1; q < cols; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < rows; i++) {
          const x = w[i + p * rows];
          const y = w[i + q * rows];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < rows; i++) {
          const x = w[i + p * rows];
          const y = w[i + q * rows];
          w[i + p * rows] = c * x - s * y;
          w[i + q * rows] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  const sv = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += w[i + j * rows] ** 2;
    sv[j] = Math.sqrt(s);
  }
  return sv.sort().reverse();
}

/** Condition number σ_max/σ_min of a small matrix (Infinity when singular). */
export function conditionNumber(a: Float64Array, rows: number, cols: number): number {
  if (cols === 0) return 1;
  const sv = singularValues(a, rows, cols);
  return sv[cols - 1] > 0 ? sv[0] / sv[cols - 1] : Infinity;
}
