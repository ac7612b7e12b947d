/** @jest-environment jsdom */
/** whenIdle: after its delay, at the next idle period where the browser has requestIdleCallback; cancellable. */
import { whenIdle } from '../../src/taskpane/idle';

afterEach(() => {
  jest.useRealTimers();
  delete (window as Partial<Window>).requestIdleCallback;
  delete (window as Partial<Window>).cancelIdleCallback;
});

test('without requestIdleCallback (jsdom, Safari) the task runs when the delay is over, unless cancelled first', () => {
  jest.useFakeTimers();
  expect(typeof window.requestIdleCallback).toBe('undefined');
  const ran: string[] = [];
  whenIdle(() => ran.push('kept'), { delayMs: 1000 });
  const cancel = whenIdle(() => ran.push('cancelled'), { delayMs: 1000 });
  jest.advanceTimersByTime(999);
  cancel();
  expect(ran).toEqual([]);
  jest.advanceTimersByTime(1);
  expect(ran).toEqual(['kept']);
});

test('with requestIdleCallback: after the delay, the next idle period (at most 1 s later); cancel reaches either step', () => {
  jest.useFakeTimers();
  const asked: (number | undefined)[] = [];
  const callbacks: IdleRequestCallback[] = [];
  const cancelled: number[] = [];
  window.requestIdleCallback = (cb, options) => (asked.push(options?.timeout), callbacks.push(cb));
  window.cancelIdleCallback = (id) => cancelled.push(id);
  const ran: number[] = [];
  const cancel = whenIdle(() => ran.push(1), { delayMs: 500 });
  const cancelEarly = whenIdle(() => ran.push(2), { delayMs: 500 });
  cancelEarly(); // before the delay: never asks for idle time
  jest.advanceTimersByTime(500);
  expect(asked).toEqual([1000]);
  expect(ran).toEqual([]); // not before the browser calls back
  callbacks[0]({ didTimeout: false, timeRemaining: () => 20 });
  expect(ran).toEqual([1]);
  cancel();
  expect(cancelled).toEqual([1]); // the id requestIdleCallback returned (push → new length 1)
});
