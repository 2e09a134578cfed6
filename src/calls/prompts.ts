/**
 * Prompts are files under sounds/ (made by `npm run sounds` from these texts with
 * espeak-ng, or recorded by hand under the same names), played as
 * `sound:switchboard/<name>`. Each feature keeps its own catalogue; names start with
 * the feature so catalogues never collide.
 */
export type PromptCatalogue = Record<string, string>;

export const corePrompts = {
  'core-busy': 'The person you are calling is busy. Please try again later.',
  'core-no-answer': 'There is no answer. Please try again later.',
  'core-unavailable': 'The person you are calling is not available. Please try again later.',
  'core-not-in-service': 'The number you have dialled is not in service. Please check the number and try again.',
  'core-invalid-try-again': 'That is not valid. Please try again.',
  'core-goodbye': 'Goodbye.',
  'core-technical-problem': 'Sorry, there is a technical problem. Please try again later.',
} satisfies PromptCatalogue;

export const sound = (name: string): string => `sound:switchboard/${name}`;

/** A number read digit by digit, with Asterisk's own digit recordings. */
export const digitsMedia = (digits: string): string[] => [`digits:${digits}`];
