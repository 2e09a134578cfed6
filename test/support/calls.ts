import type { Phone } from './phone.js';

/**
 * The first lines of many stories: `caller` dials `number`, `callee` rings and answers,
 * and the caller sees the call established. Returns each phone's event mark from before.
 */
export async function answeredCall(caller: Phone, callee: Phone, number: string): Promise<{ callerMark: number; calleeMark: number }> {
  const [callerMark, calleeMark] = [caller.mark(), callee.mark()];
  await caller.dial(number);
  await callee.waitForEvent('CALL_INCOMING', 10_000, calleeMark);
  await callee.answer();
  await caller.waitForEvent('CALL_ESTABLISHED', 10_000, callerMark);
  return { callerMark, calleeMark };
}
