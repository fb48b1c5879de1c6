/**
 * A number a person can set (a setting, a panel field, a message field, a CLI option): its
 * range and default, declared once. package.json's settings are checked against these (unit
 * test), the settings reader, both message schemas and the CLI read them, so two copies of a
 * bound cannot drift apart (they did: `epochs: 0` was allowed by the settings and refused by
 * the webview, which then never left "connecting…").
 */
import * as l10n from '@vscode/l10n';
import { formatSetting } from './number-format';

export interface NumberBound {
  /** Inclusive lower end, or exclusive when `exclusiveMin`. */
  readonly min: number;
  readonly exclusiveMin?: true;
  /** Inclusive upper end (`Infinity`: none; the number must still be finite). */
  readonly max: number;
  readonly integer?: true;
  readonly default: number;
}

/** Whether `x` is a finite number within `bound`. */
export function inBound(x: unknown, bound: NumberBound): x is number {
  return (
    typeof x === 'number' &&
    Number.isFinite(x) &&
    (bound.exclusiveMin ? x > bound.min : x >= bound.min) &&
    x <= bound.max &&
    (!bound.integer || Number.isInteger(x))
  );
}

/**
 * The bound in words, for messages: "a whole number from 1 to 12", "a number above 0".
 * @example describeBound({ min: 0, max: 100_000, integer: true, default: 3 }) // 'a whole number from 0 to 100,000'
 */
export function describeBound(bound: NumberBound): string {
  const n = formatSetting;
  const whole = bound.integer === true;
  if (bound.max === Infinity) {
    if (bound.exclusiveMin) return whole ? l10n.t('a whole number above {0}', n(bound.min)) : l10n.t('a number above {0}', n(bound.min));
    return whole ? l10n.t('a whole number at least {0}', n(bound.min)) : l10n.t('a number at least {0}', n(bound.min));
  }
  if (bound.exclusiveMin) {
    return whole
      ? l10n.t('a whole number above {0} and at most {1}', n(bound.min), n(bound.max))
      : l10n.t('a number above {0} and at most {1}', n(bound.min), n(bound.max));
  }
  return whole ? l10n.t('a whole number from {0} to {1}', n(bound.min), n(bound.max)) : l10n.t('a number from {0} to {1}', n(bound.min), n(bound.max));
}
