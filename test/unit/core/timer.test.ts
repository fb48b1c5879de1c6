import { describe, expect, it } from 'vitest';
import { Timer } from '../../../src/core/timer';

describe('Timer (d2l)', () => {
  it('records laps: avg, sum, cumsum', () => {
    let now = 0;
    const t = new Timer(() => now);
    now = 1000;
    expect(t.stop()).toBe(1);
    t.start();
    now = 4000;
    t.stop();
    expect(t.times).toEqual([1, 3]);
    expect(t.sum()).toBe(4);
    expect(t.avg()).toBe(2);
    expect(t.cumsum()).toEqual([1, 4]);
    expect(new Timer().avg()).toBeNaN();
  });
});
