/**
 * The data have too few rows for what was asked (a fit, a split, folds): a RangeError of its own
 * kind, so the panel offers "more rows or fewer terms" by what the error is, not by its words
 * (which are in the user's language).
 */
export class TooFewRowsError extends RangeError {
  override readonly name = 'TooFewRowsError';
}
