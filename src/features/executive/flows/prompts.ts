import type { PromptCatalogue } from '../../../calls/prompts.js';

/**
 * What the call-control codes (#63, #64, *11, *15, *14) say. Every refusal and every
 * success is confirmed by one of these or by a tone, never by silence. Made into
 * sounds/<name>.wav by scripts/make-sounds.ts (which reads src/features/<f>/<part>/prompts.ts).
 */
export const prompts = {
  'executive-control-enter-executive': "Enter the executive's extension, then press hash.",
  'executive-control-enter-destination': 'Enter the number to call, then press hash.',
  'executive-control-enter-e164': 'Enter the number to call, with its country code, then press hash.',
  'executive-control-not-assistant': 'You are not an assistant of this executive. Goodbye.',
  'executive-control-not-allowed': 'This feature is not available on this phone. Goodbye.',
  'executive-control-too-many-attempts': 'Sorry, that was not valid. Goodbye.',
  'executive-control-no-call-to-push': 'There is no executive call to push. Put exactly one executive call on hold on this phone, then try again.',
  'executive-control-call-pushed': 'The call has been pushed to the executive.',
  'executive-control-warm-push-offer': 'Your assistant has a call for you. Press 1 to take it, or 2 to send it back.',
  'executive-control-sent-back': 'The executive sent the call back. It is on your line again.',
  'executive-control-executive-no-answer': 'The executive did not answer. The call is on your line again.',
  'executive-control-no-call-to-retrieve': 'There is no executive call to retrieve.',
  'executive-control-no-call-to-bridge': 'There is no executive call to bridge into.',
} satisfies PromptCatalogue;

export type CallControlPrompt = keyof typeof prompts;

/**
 * The barge-in warning every party hears when someone bridges into a call (*15): two
 * 0.4 s beeps at 1400 Hz (BroadWorks' barge-in tone), played by Asterisk on the bridge
 * itself so no party can miss it. A file, not a `tone:` URI: ARI tone playbacks never
 * report PlaybackFinished, so the voices would stay muted. The file is made by sox, not
 * espeak (sounds/executive-control-bridge-warning.wav):
 * `sox -n -r 8000 -c 1 -b 16 <file> synth 0.4 sine 1400 vol 0.5 : synth 0.2 sine 0 vol 0 : synth 0.4 sine 1400 vol 0.5`
 */
export const BRIDGE_WARNING_TONE = 'sound:switchboard/executive-control-bridge-warning';
