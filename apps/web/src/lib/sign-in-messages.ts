/**
 * The messages the sign-in page shows for `?message=<code>`. Only these codes are shown: the page
 * never prints text taken from its URL, which anyone can link to with a message of their choosing.
 */
export const SIGN_IN_MESSAGES = {
  external_email_missing: "Your sign-in provider did not share an email address.",
  external_email_in_use: "An account with this email already exists: sign in with its password.",
} as const;

export type SignInMessageCode = keyof typeof SIGN_IN_MESSAGES;

export const signInMessage = (code: unknown): string | undefined =>
  typeof code === "string" && Object.hasOwn(SIGN_IN_MESSAGES, code)
    ? SIGN_IN_MESSAGES[code as SignInMessageCode]
    : undefined;
