import { describe, expect, it } from 'vitest';
import { FLUSH_MS, Pacer } from '../../../src/playground/pacer';

describe('Pacer: the pace of a playing run, on a clock the test drives', () => {
  it('at 40 steps/s, steps fall due one per 25 ms from the start, whatever the slices took', () => {
    const p = new Pacer();
    p.restart(1000, 40);
    expect(p.due(1000)).toBe(1); // the first step at once
    p.took(1);
    expect(p.due(1010)).toBe(0);
    expect(p.delay(1010)).toBe(15); // the next step at 1025
    expect(p.due(1025)).toBe(1);
    // a slow slice (the machine was busy): the steps that fell due meanwhile are all due now
    expect(p.due(1125)).toBe(5);
    p.took(5);
    expect(p.due(1125)).toBe(0);
  });

  it('unthrottled (0 steps/s): everything is due, and the next slice follows at once', () => {
    const p = new Pacer();
    p.restart(0, 0);
    expect(p.due(0)).toBe(Number.MAX_SAFE_INTEGER);
    expect(p.delay(123)).toBe(0);
  });

  it('one message per flush interval, however many slices run in between', () => {
    const p = new Pacer();
    expect(p.flushDue(0)).toBe(true);
    p.flushed(0);
    const due = Array.from({ length: 100 }, (_, t) => p.flushDue(t)); // a slice every ms
    expect(due.filter(Boolean)).toHaveLength(100 - FLUSH_MS);
    expect(due.indexOf(true)).toBe(FLUSH_MS);
  });

  it('a slow pace never waits past the next flush (the pause button stays responsive)', () => {
    const p = new Pacer();
    p.restart(0, 1); // one step per second
    p.took(1);
    expect(p.delay(10)).toBe(FLUSH_MS);
  });

  it('a new pace restarts the clock (no burst of steps "owed" from before)', () => {
    const p = new Pacer();
    p.restart(0, 10);
    p.took(1);
    p.restart(5000, 100);
    expect(p.stepsPerSecond).toBe(100);
    expect(p.due(5000)).toBe(1);
  });
});
