/**
 * Pages say dates relative to "now" (今天 / 昨天 / 周三): a test that reads them fixes the
 * page's clock (jest's fake Date only; timers and microtasks keep running for real).
 */
export function usePageClock(now: Date): void {
  beforeEach(() => {
    jest.useFakeTimers({
      now,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
  });
  afterEach(() => jest.useRealTimers());
}
