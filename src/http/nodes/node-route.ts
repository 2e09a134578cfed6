/**
 * Which controller answers a request that only the leader of an organisation's node can
 * answer fully (issue 14): its calls live in that leader's memory and on that node's
 * Asterisk. Pure: the middleware (node-routing.ts) looks the facts up and carries it out.
 */
export type NodeRoute =
  | { kind: 'here' }
  | { kind: 'forward'; leaderUrl: string; ownNode: boolean }
  | { kind: 'refuse'; detail: string };

export interface NodeRouteFacts {
  /** The organisation's node; null while the site has one node (its orgs are everyone's). */
  organisationNode: string | null;
  ownNode: string;
  leadingOwnNode: boolean;
  /** Where the organisation's node's leader serves, as it last wrote it. */
  leaderUrl: string | undefined;
  ownUrl: string;
  /** The request came from another controller already: never forwarded twice. */
  forwarded: boolean;
  /** Call actions and the consoles need the leader; the live view can be read by a standby of the node. */
  needsLeader: boolean;
}

export function nodeRoute(f: NodeRouteFacts): NodeRoute {
  const node = f.organisationNode ?? f.ownNode;
  const ownNode = node === f.ownNode;
  if (ownNode && (f.leadingOwnNode || !f.needsLeader)) return { kind: 'here' };
  // A forwarded request, or nobody known to forward to: what this controller knows is the best answer there is.
  if (ownNode && (f.forwarded || !f.leaderUrl || f.leaderUrl === f.ownUrl)) return { kind: 'here' };
  if (!ownNode && f.forwarded) return { kind: 'refuse', detail: `the organisation's calls are on node ${node}, and the controller this request was sent to does not lead it now; try again in a few seconds` };
  if (!f.leaderUrl || f.leaderUrl === f.ownUrl) return { kind: 'refuse', detail: `the organisation's calls are on node ${node}, which has no leading controller now; try again in a few seconds` };
  return { kind: 'forward', leaderUrl: f.leaderUrl, ownNode };
}
