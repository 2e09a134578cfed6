/**
 * Busy-lamp keys (PRODUCT.md sections 3 and 7): the extensions phones subscribe to for the
 * executive's filter state, an assistant's opt-in and the executive's line, as hinted in
 * asterisk-conf (`*61<executive>`, `*65<assistant>*<executive>`, `*64<executive>`), for
 * extensions of any length: the `*` between the two extensions of the opt-in key is what
 * lets them differ in length. Dialling one (pressing the key) toggles the filter or the
 * opt-in; the line key retrieves the executive's call (`#64 <executive> *11`).
 */
export type LampKey =
  | { kind: 'filter'; executiveExtension: string }
  | { kind: 'opt-in'; assistantExtension: string; executiveExtension: string }
  | { kind: 'line'; executiveExtension: string };

export function parseLampKey(dialled: string): LampKey | undefined {
  const filter = /^\*61(\d+)$/.exec(dialled);
  if (filter) return { kind: 'filter', executiveExtension: filter[1]! };
  const optIn = /^\*65(\d+)\*(\d+)$/.exec(dialled);
  if (optIn) return { kind: 'opt-in', assistantExtension: optIn[1]!, executiveExtension: optIn[2]! };
  const line = /^\*64(\d+)$/.exec(dialled);
  if (line) return { kind: 'line', executiveExtension: line[1]! };
  return undefined;
}

/** The extension a phone key watches for each lamp (what the hints in asterisk-conf match). */
export const lampExtension = {
  filter: (executiveExtension: string) => `*61${executiveExtension}`,
  optIn: (assistantExtension: string, executiveExtension: string) => `*65${assistantExtension}*${executiveExtension}`,
  line: (executiveExtension: string) => `*64${executiveExtension}`,
};
