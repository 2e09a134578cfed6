import type { PromptCatalogue } from '../../calls/prompts.js';

/** The attendant's prompts (made into sounds/ by `npm run sounds`). */
export const prompts = {
  'attendant-greeting-business': 'Thank you for calling.',
  'attendant-greeting-after-hours': 'Thank you for calling. Our offices are now closed.',
  'attendant-greeting-holiday': 'Thank you for calling. Our offices are closed today for the holiday.',
  'attendant-menu': 'After the tone, say the name of the person you are calling, spell their first or last name, or say their extension. You can also spell their name on your keypad, or enter their extension. For the operator, press zero.',
  'attendant-menu-keys': 'Please spell the name of the person you are calling on your keypad, or enter their extension. For the operator, press zero.',
  'attendant-not-valid': 'Sorry, that is not valid.',
  'attendant-no-match': 'Sorry, I could not find anyone by that name.',
  'attendant-not-understood': 'Sorry, I did not understand.',
  'attendant-did-you-mean': 'Did you mean',
  'attendant-confirm-keys': 'Say yes or press one. Say no or press two.',
  'attendant-say-again': 'Please say the name, spell it, or say the extension again after the tone, or use your keypad.',
  'attendant-list-say': 'Or say the number after the tone.',
  'attendant-for': 'For',
  'attendant-press': 'press',
  'attendant-extension': 'extension',
  'attendant-too-many-matches': 'There are too many matches. Please enter more letters.',
  'attendant-operator': 'Transferring you to the operator.',
  'attendant-too-many-tries': 'Sorry, I could not help you.',
  'attendant-person-unavailable': 'Sorry, that person is not available and cannot take a message.',
  'attendant-operator-unavailable': 'Sorry, the operator is not available. Please call again later. Goodbye.',
  'attendant-not-an-agent': 'Only agents log in and out. Your phone always rings for your calls.',
  'attendant-outside-refused': 'Sorry, calls to that number are not allowed from this phone.',
} satisfies PromptCatalogue;

export type AttendantPrompt = keyof typeof prompts;
