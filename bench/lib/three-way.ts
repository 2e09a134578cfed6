import type { ControllerProcess } from './controller.js';

export interface ThreeWay { label: string; switchboard: string; native: string; description: string; expectRinging?: string[] }

/**
 * The 3-way simultaneous ring. The filtered executive call (1002 → assistants 1003,
 * 1004 and 1008 at once) when the executive feature can be set up that way; otherwise the
 * same three legs through the core's ringAndConnect: a user (1007) whose primary device
 * and two shared call appearances (2001, 2002) ring together.
 */
export async function configureThreeWayRing(controller: ControllerProcess, probe: (t: ThreeWay) => Promise<string | undefined>): Promise<ThreeWay> {
  const executive = await configureExecutive(controller).catch((error: unknown) => `${(error as Error).message}`);
  if (typeof executive !== 'string') {
    const problem = await probe(executive);
    if (!problem) return executive;
    return fallback(controller, problem);
  }
  return fallback(controller, executive);
}

async function fallback(controller: ControllerProcess, executive: string): Promise<ThreeWay> {
  await createBenchUser(controller, '3002', [
    { kind: 'primary', address: 'PJSIP/3002' },
    { kind: 'shared', address: 'PJSIP/3003', ringsForIncoming: true },
    { kind: 'shared', address: 'PJSIP/3004', ringsForIncoming: true },
  ]);
  return {
    label: '3-way simultaneous ring (ringAndConnect)',
    switchboard: 'Local/3002@switchboard-internal',
    native: 'Local/native3-3002-3003-3004@switchboard-native',
    description: `3-way ring: the filtered executive call could not be set up (${executive}); measured instead as a plain call to a user whose primary device and two shared call appearances ring at once through the core's ringAndConnect (the primitive the executive's simultaneous alerting uses), against Dial(PJSIP/3002&PJSIP/3003&PJSIP/3004)`,
  };
}

/** A user with no voicemail on bench phones (asterisk-conf/pjsip.conf 3001-3004, never busy). */
export async function createBenchUser(controller: ControllerProcess, extension: string, locations: unknown[]): Promise<void> {
  await controller.api('POST', '/api/users', { extension, name: `Bench ${extension}`, services: [], noAnswerSeconds: 30, locations });
}

interface UserSummary { id: number; extension: string; services: string[] }

/**
 * Erin (1002) filters every call to her pool, alerted simultaneously; a third assistant
 * (Carol, 1008) joins Alice (1003) and Aaron (1004). The bench then checks with a probe
 * call that a call to 1002 really rings those three (see `probeThreeWay`).
 */
async function configureExecutive(controller: ControllerProcess): Promise<ThreeWay> {
  const { users } = await controller.api<{ users: UserSummary[] }>('GET', '/api/users?limit=500');
  const byExt = new Map(users.map((u) => [u.extension, u]));
  const [erin, alice, aaron, carol] = ['1002', '1003', '1004', '1008'].map((e) => byExt.get(e));
  if (!erin || !alice || !aaron || !carol) throw new Error('demo users 1002/1003/1004/1008 missing');
  if (!carol.services.includes('assistant')) await controller.api('PATCH', `/api/users/${carol.id}`, { services: [...carol.services, 'assistant'] });
  await controller.api('PUT', `/api/executives/${erin.id}/assistants`, { assistants: [alice.id, aaron.id, carol.id] });
  await controller.api('PUT', `/api/executives/${erin.id}/filtering`, { enabled: true, mode: 'all' });
  await controller.api('PUT', `/api/executives/${erin.id}/alerting`, { mode: 'simultaneous' });
  return {
    label: 'filtered executive call, 3 assistants at once',
    switchboard: 'Local/1002@switchboard-internal',
    native: 'Local/native3-1003-1004-1008@switchboard-native',
    description: 'executive call: Erin (1002) filters all calls; her pool Alice (1003), Aaron (1004) and Carol (1008) is alerted simultaneously through the executive feature, against Dial(PJSIP/1003&PJSIP/1004&PJSIP/1008)',
    expectRinging: ['PJSIP/1003', 'PJSIP/1004', 'PJSIP/1008'],
  };
}
