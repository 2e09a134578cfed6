/**
 * A voicemail PIN: 4 to 10 digits, not all the same digit. One rule for every place a PIN
 * is set (the phone menu and the API), so a PIN the phone refuses cannot arrive another way.
 */
export function isAcceptablePin(pin: string): boolean {
  return /^\d{4,10}$/.test(pin) && !/^(\d)\1+$/.test(pin);
}

export const PIN_RULE = 'must be 4 to 10 digits, not all the same digit';
