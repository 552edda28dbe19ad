import { describe, expect, it } from 'vitest';
import { AdjustableClock, days } from '#infra/local/clock.ts';

describe('AdjustableClock', () => {
  it('tells real time plus its offset', () => {
    let real = Date.UTC(2027, 1, 17);
    const clock = new AdjustableClock(days(1), () => real);
    expect(clock.now().toISOString()).toBe('2027-02-18T00:00:00.000Z');
    real += 1000;
    expect(clock.now().toISOString()).toBe('2027-02-18T00:00:01.000Z');
  });

  it('moves forward on advance and tells every listener the new time, until it unsubscribes', () => {
    const clock = new AdjustableClock(0, () => Date.UTC(2027, 1, 17));
    const heard: string[] = [];
    const unsubscribe = clock.onAdvance((now) => heard.push(now.toISOString()));
    expect(clock.advance(days(43)).toISOString()).toBe('2027-04-01T00:00:00.000Z');
    unsubscribe();
    clock.advance(1000);
    expect(heard).toEqual(['2027-04-01T00:00:00.000Z']);
    expect(clock.offsetMs).toBe(days(43) + 1000);
  });

  it('refuses to move back', () => {
    const clock = new AdjustableClock();
    expect(() => clock.advance(-1)).toThrow('the clock only moves forward: advance needs ms >= 0, got -1');
    expect(clock.offsetMs).toBe(0);
  });
});
