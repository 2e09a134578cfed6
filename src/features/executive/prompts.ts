import type { PromptCatalogue } from '../../calls/prompts.js';

/** The executive feature's prompts (call filtering and the assistants' pool); call control keeps its own in flows/prompts.ts. */
export const prompts = {
  'executive-filtering-on': 'Call filtering is on. Your calls go to your assistants.',
  'executive-filtering-off': 'Call filtering is off. Your calls ring you directly.',
  'executive-not-an-executive': 'This code is for executives. Your phone does not have the executive service.',
  'executive-not-an-assistant': 'This code is for assistants. Your phone does not have the assistant service.',
  'executive-enter-executive': "Please enter the executive's extension, followed by the pound key.",
  'executive-not-in-pool': 'You are not an assistant of this executive.',
  'executive-opt-in-not-allowed': 'This executive does not allow assistants to opt in or out.',
  'executive-opted-in': 'You are now opted in. You will receive this executive\'s filtered calls.',
  'executive-opted-out': 'You are now opted out. You will not receive this executive\'s filtered calls.',
  'executive-code-not-valid': 'That code is not valid.',
} satisfies PromptCatalogue;
