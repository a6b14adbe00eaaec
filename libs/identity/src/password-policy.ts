export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * A short list of the most common passwords that satisfy the length rule; the full breached
 * lists would be better but need a data file. Compared case-insensitively.
 */
const COMMON_PASSWORDS = new Set([
  '1234567890',
  '12345678910',
  '123456789a',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'qwertyuiop',
  'qwerty12345',
  'qwerty123456',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'iloveyou123',
  'abcd123456',
  'abc1234567',
  'a123456789',
  'letmein123',
  'welcome123',
  'admin12345',
  'administrator',
  'changeme123',
  'football123',
  'baseball123',
  'princess123',
  'sunshine123',
  'trustno1234',
  'zaq12wsxcde',
  'talentbridge',
  'talentbridge1',
  'talentbridge123',
]);

const CHARACTER_CLASSES = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];

/**
 * Checks a new password; returns the problems (empty when acceptable). Rules: 10 to 200
 * characters, at least two kinds of character (lower-case, upper-case, digits, others), not the
 * e-mail address or its local part, not one of the most common passwords.
 */
export function checkPassword(password: string, context: { email?: string } = {}): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  }
  if (length > PASSWORD_MAX_LENGTH) {
    problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  }
  if (CHARACTER_CLASSES.filter((c) => c.test(password)).length < 2) {
    problems.push(
      'must mix at least two kinds of characters (lower-case, upper-case, digits, others)',
    );
  }
  const lowered = password.toLowerCase();
  const email = context.email?.trim().toLowerCase();
  if (email !== undefined && email !== '') {
    const localPart = email.split('@')[0];
    if (lowered === email || lowered === localPart) {
      problems.push('must not be your e-mail address');
    }
  }
  if (COMMON_PASSWORDS.has(lowered)) {
    problems.push('is one of the most common passwords');
  }
  return problems;
}
