/** |a − b| / |b| (0 when equal): how the tests compare with a reference. */
export const relativeError = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), 1e-300));
