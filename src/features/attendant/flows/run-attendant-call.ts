import type { IncomingCall } from '../../../calls/incoming-call.js';
import { runFlow } from '../../../calls/run-flow.js';
import type { Organisation } from '../../../store/schema.js';
import { AttendantCall } from './attendant-call.js';
import type { AttendantDeps } from './context.js';

/**
 * One attendant call from start to end, whichever way it came: the company number, a
 * DID, or a caller the operator console moved (transferred, sent to voicemail).
 */
export async function runAttendantCall(deps: AttendantDeps, call: IncomingCall, org: Organisation, flow: (session: AttendantCall) => Promise<void>): Promise<void> {
  const session = new AttendantCall(deps, call, org);
  // A caller still in the menu or being put through goes to the dialplan fallback (the operator).
  await runFlow(session, () => flow(session), {
    kind: 'dialplan', direction: call.direction, extension: call.dialled, while: () => session.state === 'menu' || session.state === 'connecting',
  });
}
