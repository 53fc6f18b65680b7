/** Small dense linear algebra on row-major Float64Array matrices (n × n), for Newton steps and sandwich variances. */

/**
 * In-place Cholesky factorisation A = L Lᵀ (lower triangle of `a` becomes L; the upper triangle is left as is).
 * Formula: L_jj = √(A_jj − Σ_k<j L_jk²), L_ij = (A_ij − Σ_k<j L_ik L_jk) / L_jj. Source: Golub & Van Loan, Matrix
 * Computations, Alg. 4.2.1. Returns false when A is not (numerically) positive definite.
 */
export function cholesky(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let s = a[rj + j];
    for (let k = 0; k < j; k++) s -= a[rj + k] * a[rj + k];
    if (!(s > 0)) return false;
    const ljj = Math.sqrt(s);
    a[rj + j] = ljj;
    const inv = 1 / ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let t = a[ri + j];
      for (let k = 0; k < j; k++) t -= a[ri + k] * a[rj + k];
      a[ri + j] = t * inv;
    }
  }
  return true;
}

/** Solves L Lᵀ x = b in place (b becomes x) given the factor from `cholesky`: forward then back substitution. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[ri + k] * b[k];
    b[i] = s / l[ri + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
}

/** Inverse of a symmetric positive-definite matrix via Cholesky (column-by-column solves). Null if not SPD. */
export function invertSpd(a: Float64Array, n: number): Float64Array | null {
  const l = Float64Array.from(a);
  if (!cholesky(l, n)) return null;
  const inv = new Float64Array(n * n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    col.fill(0);
    col[j] = 1;
    choleskySolve(l, n, col);
    for (let i = 0; i < n; i++) inv[i * n + j] = col[i];
  }
  return inv;
}

/** C = A B for n × n row-major matrices. */
export function matMul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  }
  return c;
}

/**
 * A Cholesky factor stored twice (L row-major and Lᵀ row-major) so both triangular solves run along rows; used for
 * the many repeated solves of the bootstrap's fixed-Hessian iteration.
 */
export interface CholeskyFactor {
  n: number;
  l: Float64Array;
  lt: Float64Array;
}

/** Factorises SPD `a` (not modified) into a `CholeskyFactor`, or null when not positive definite. */
export function choleskyFactor(a: Float64Array, n: number): CholeskyFactor | null {
  const l = Float64Array.from(a);
  if (!cholesky(l, n)) return null;
  const lt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) lt[j * n + i] = l[i * n + j];
  return { n, l, lt };
}

/** Solves L Lᵀ x = b in place with a `CholeskyFactor`. */
export function factorSolve(f: CholeskyFactor, b: Float64Array): void {
  const { n, l, lt } = f;
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[ri + k] * b[k];
    b[i] = s / l[ri + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= lt[ri + k] * b[k];
    b[i] = s / lt[ri + i];
  }
}
