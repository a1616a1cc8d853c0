// Problem codes of the agents' API in words. The `code` is stable public contract; `detail` is for developers.
const minutes = (seconds) => {
  if (!seconds) return 'a few minutes';
  const m = Math.ceil(seconds / 60);
  return m === 1 ? '1 minute' : `${m} minutes`;
};

const WORDS = {
  network: () => 'The support desk cannot be reached. Check your connection and try again.',
  invalid_credentials: () => 'The user name, password or code is wrong. Enter the newest 6-digit code from your '
    + 'authenticator app.',
  rate_limited: (p) => `Too many sign-in attempts. Try again in ${minutes(p.retryAfter)}.`,
  locked_out: (p) => `Too many failed sign-ins in a row. Wait ${minutes(p.retryAfter)}, then try again.`,
  unauthorized: () => 'Your session has ended. Sign in again.',
  ticket_not_found: () => 'There is no such ticket.',
  invalid_request: () => 'The desk could not read that request.',
  justification_required: () => 'Write a justification of at least 20 characters: why is this person who they say?',
  text_required: () => 'Write something first.',
  transition_not_allowed: () => 'The ticket\'s status does not allow this any more. It may have changed meanwhile: '
    + 'the page now shows it as it is.',
  ticket_incomplete: () => 'This ticket cannot be approved: its user, organization and approver are not all known.',
  second_approval_required: () => 'Your approval is recorded as the first one. A second, different agent must '
    + 'approve too before anything is reset.',
  same_agent: () => 'You gave the first approval already. The second approval must come from a different agent.',
  owner_confirmation_required: () => 'The ticket is still waiting for the organization owner\'s answer. Escalate it '
    + 'first if an agent should decide instead.',
  directory_unavailable: () => 'The directory of users could not be read, so nothing was changed. Try again in a moment.',
  internal_error: () => 'Something went wrong on the desk\'s side. Try again in a moment.',
};

/** The sentence for a problem, in words an agent understands. */
export function wordsFor(problem) {
  const words = WORDS[problem.code];
  if (words) return words(problem);
  if (problem.status >= 500) return WORDS.internal_error();
  return problem.message || 'That did not work. Try again.';
}

/** What each status means, for the queue's tabs and the ticket page. */
export const STATUSES = [
  ['NEEDS_AGENT', 'Needs an agent'],
  ['AWAITING_REQUESTER', 'Awaiting requester'],
  ['AWAITING_APPROVAL', 'Awaiting owner'],
  ['PENDING_SECOND_APPROVAL', 'Pending second approval'],
  ['APPROVED', 'Approved'],
  ['RESOLVED', 'Resolved'],
  ['DENIED', 'Denied'],
  ['CANCELLED', 'Cancelled'],
  ['EXPIRED', 'Expired'],
];

export function statusWords(status) {
  const found = STATUSES.find(([value]) => value === status);
  return found ? found[1] : status;
}
