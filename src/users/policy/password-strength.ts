/**
 * Whether a password is too weak to protect an account, and why (undefined: strong enough).
 * The first administrator can change everything, so `switchboard init` refuses what an
 * online or offline guesser tries first: short passwords, the well-known ones, one
 * character repeated or a keyboard run, and the account's own name, e-mail or extension.
 * Long passphrases pass without character classes (NIST SP 800-63B: length over rules).
 */
export function weakPasswordReason(password: string, account: { email?: string | null; name?: string; extension?: string; organisation?: string } = {}): string | undefined {
  if (password.length < MIN_LENGTH) return `at least ${MIN_LENGTH} characters`;
  if (password.length > 200) return 'at most 200 characters';
  const lower = password.toLowerCase();
  if (COMMON.some((common) => lower.includes(common) && lower.length - common.length < 4)) return 'a well-known password (or one with a few characters added)';
  if (new Set(lower).size < 4) return 'too few different characters';
  if (isRun(lower)) return 'a keyboard or alphabet run';
  const personal = [account.email?.split('@')[0], account.name, ...(account.name?.split(/\s+/) ?? []), account.extension, account.organisation]
    .filter((w): w is string => !!w && w.length >= 3).map((w) => w.toLowerCase());
  if (personal.some((word) => lower.includes(word))) return "contains the account's name, e-mail, extension or organisation";
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (password.length < PASSPHRASE_LENGTH && classes < 3) return `mix at least three of lower case, upper case, digits and symbols, or use ${PASSPHRASE_LENGTH} characters or more`;
  return undefined;
}

export const MIN_LENGTH = 10;
const PASSPHRASE_LENGTH = 16;

// The head of the usual leaked-password lists, plus this product's own names.
const COMMON = [
  'password', 'passw0rd', 'p@ssword', 'p@ssw0rd', '123456', '12345678', '123456789', '1234567890', 'qwerty', 'qwertyuiop', 'azerty',
  'letmein', 'welcome', 'admin', 'administrator', 'iloveyou', 'monkey', 'dragon', 'football', 'baseball', 'sunshine',
  'princess', 'trustno1', 'abc123', 'changeme', 'secret', 'asterisk', 'switchboard', 'freepbx', 'default',
];

const RUNS = ['abcdefghijklmnopqrstuvwxyz', '01234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
function isRun(lower: string): boolean {
  return RUNS.some((run) => run.includes(lower) || [...run].reverse().join('').includes(lower));
}
