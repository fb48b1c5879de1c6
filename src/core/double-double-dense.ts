/**
 * Small dense linear algebra in double-double (k ≤ a few dozen): the triangular solves and the
 * Cholesky factor the least-squares refinement uses. Matrices are k×k, column-major, as a
 * pair of arrays (high and low parts).
 */
import { ddAdd, ddDiv, ddMul, ddSqrt } from './double-double';

const T = new Float64Array(4);


/** Solves Uᵀw = v (forward substitution), U upper k×k column-major; v is overwritten by w. */
export function solveUpperTransposed(uHi: Float64Array, uLo: Float64Array, k: number, vHi: Float64Array, vLo: Float64Array): void {
  for (let i = 0; i < k; i++) {
    let sh = vHi[i];
    let sl = vLo[i];
    for (let q = 0; q < i; q++) {
      ddMul(uHi[q + i * k], uLo[q + i * k], vHi[q], vLo[q], T, 0);
      ddAdd(sh, sl, -T[0], -T[1], T, 2);
      sh = T[2];
      sl = T[3];
    }
    ddDiv(sh, sl, uHi[i + i * k], uLo[i + i * k], T, 0);
    vHi[i] = T[0];
    vLo[i] = T[1];
  }
}

/** Solves Uw = v (back substitution); v is overwritten by w. */
export function solveUpper(uHi: Float64Array, uLo: Float64Array, k: number, vHi: Float64Array, vLo: Float64Array): void {
  for (let i = k - 1; i >= 0; i--) {
    let sh = vHi[i];
    let sl = vLo[i];
    for (let q = i + 1; q < k; q++) {
      ddMul(uHi[i + q * k], uLo[i + q * k], vHi[q], vLo[q], T, 0);
      ddAdd(sh, sl, -T[0], -T[1], T, 2);
      sh = T[2];
      sl = T[3];
    }
    ddDiv(sh, sl, uHi[i + i * k], uLo[i + i * k], T, 0);
    vHi[i] = T[0];
    vLo[i] = T[1];
  }
}

/** Upper Cholesky factor (G = UᵀU) of a symmetric k×k double-double matrix; null if not positive definite. */
export function choleskyUpper(gHi: Float64Array, gLo: Float64Array, k: number): { hi: Float64Array; lo: Float64Array } | null {
  const hi = new Float64Array(k * k);
  const lo = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    for (let c = j; c < k; c++) {
      let sh = gHi[j + c * k];
      let sl = gLo[j + c * k];
      for (let i = 0; i < j; i++) {
        ddMul(hi[i + j * k], lo[i + j * k], hi[i + c * k], lo[i + c * k], T, 0);
        ddAdd(sh, sl, -T[0], -T[1], T, 2);
        sh = T[2];
        sl = T[3];
      }
      if (c === j) {
        if (!(sh > 0)) return null;
        ddSqrt(sh, sl, T, 0);
      } else {
        ddDiv(sh, sl, hi[j + j * k], lo[j + j * k], T, 0);
      }
      hi[j + c * k] = T[0];
      lo[j + c * k] = T[1];
    }
  }
  return { hi, lo };
}
