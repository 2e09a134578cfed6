/**
 * Busy-lamp keys (PRODUCT.md section 7): the extensions phones subscribe to for the
 * executive's filter state and an assistant's opt-in, as hinted in asterisk-conf
 * (`*61<executive>`, `*65<assistant><executive>`, 4-digit extensions). Dialling one (pressing
 * the key) toggles it.
 */
export type LampKey =
  | { kind: 'filter'; executiveExtension: string }
  | { kind: 'opt-in'; assistantExtension: string; executiveExtension: string };

export function parseLampKey(dialled: string): LampKey | undefined {
  const filter = /^\*61(\d{4})$/.exec(dialled);
  if (filter) return { kind: 'filter', executiveExtension: filter[1]! };
  const optIn = /^\*65(\d{4})(\d{4})$/.exec(dialled);
  if (optIn) return { kind: 'opt-in', assistantExtension: optIn[1]!, executiveExtension: optIn[2]! };
  return undefined;
}
