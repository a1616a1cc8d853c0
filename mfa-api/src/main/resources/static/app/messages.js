// Problem codes in words. The API's `code` is stable public contract; its `detail` is for developers.
const minutes = (seconds) => {
  if (!seconds) return 'a few minutes';
  const m = Math.ceil(seconds / 60);
  return m === 1 ? '1 minute' : `${m} minutes`;
};

const WORDS = {
  network: () => 'Gatekeep cannot be reached. Check your connection and try again.',
  invalid_credentials: () => 'That email and password do not match an account.',
  email_not_verified: () => 'Confirm your email address first: we have sent you the link again.',
  rate_limited: (p) => `Too many attempts. Try again in ${minutes(p.retryAfter)}.`,
  locked_out: (p) => `Too many wrong codes. Wait ${minutes(p.retryAfter)}, then try again.`,
  invalid_code: () => 'That code is not right. Enter the newest 6-digit code from your authenticator app.',
  code_already_used: () => 'That code was used already. Wait for the next code in your app.',
  challenge_expired: () => 'Signing in took too long. Enter your email and password again.',
  qr_expired: () => 'This QR code has expired. Show a new code and scan it again.',
  setup_session_expired: () => 'The setup timed out after 3 minutes. Sign in again to start over.',
  mfa_already_enabled: () => 'Multifactor authentication is already on for your account.',
  mfa_not_enabled: () => 'Multifactor authentication is not on for your account.',
  mfa_enforced: () => 'An organization you belong to requires multifactor authentication, so it cannot be turned off.',
  mfa_setup_required: () => 'Set up multifactor authentication first.',
  actor_mfa_not_enabled: () => 'Turn on multifactor authentication for your own account first.',
  mfa_step_up_required: () => 'Confirm it is you with a code from your authenticator app.',
  mfa_verification_required: () => 'Sign in with your authenticator code to accept this invitation.',
  last_owner: () => 'An organization needs at least one owner. Make someone else an owner first.',
  already_member: () => 'This address is already a member of the organization.',
  invitation_not_found: () => 'This invitation link is not valid. A newer invitation may have replaced it.',
  invitation_expired: () => 'This invitation has expired. Ask for a new one.',
  invitation_already_used: () => 'This invitation was answered already.',
  sign_in_required: () => 'This address already has an account. Sign in to accept the invitation.',
  invitation_for_another_account: () =>
    'This invitation was sent to another address than the one you are signed in with.',
  invalid_token: () => 'This link is not valid. It may have been replaced by a newer one.',
  token_expired: () => 'This link has expired. Ask for a new one.',
  email_taken: () => 'An account with this email already exists. Sign in instead.',
  unauthenticated: () => 'Your session has ended. Sign in again.',
  forbidden: () => 'You are not allowed to do this.',
  not_found: () => 'This was not found, or you have no access to it.',
  payload_too_large: () => 'That is too long.',
  validation_failed: () => 'Some fields need attention.',
  internal_error: () => 'Something went wrong on our side. Try again in a moment.',
};

/** The sentence for a problem, in words a person understands. */
export function wordsFor(problem) {
  const words = WORDS[problem.code];
  if (words) return words(problem);
  if (problem.status >= 500) return WORDS.internal_error();
  return problem.message || 'That did not work. Try again.';
}

/** A field error from validation_failed ("must have at least 12 characters") as a sentence. */
export function fieldWords(label, message) {
  return `${label} ${message}.`.replace(/\.\.$/, '.');
}
