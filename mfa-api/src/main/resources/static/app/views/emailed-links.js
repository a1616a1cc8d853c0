// The pages the product's emails link to. Each reads its one-time token from the URL, removes it from the address
// bar at once (so it is not left in history, bookmarks or a shared screen), keeps it in memory and POSTs it.
import { api } from '../api.js';
import { session } from '../session.js';
import { navigate, takeTokenFromUrl } from '../router.js';
import { wordsFor } from '../messages.js';
import { h, field, messageLine, showProblem, onSubmit, confirmDialog, add, fill } from '../ui.js';
import { continueSignIn, afterSignIn } from './signed-in.js';

const PASSWORD_HINT = 'At least 12 characters. A few unrelated words make a good one.';

function brokenLink(main, title, text) {
  add(main, h('h1', { text: title }), h('p', { class: 'notice error', role: 'alert', text }),
    h('p', { class: 'aside' }, h('a', { href: '/sign-in', 'data-link': true, text: 'Go to sign in' })));
}

export async function verifyEmail(main, { query }) {
  const token = takeTokenFromUrl(query);
  if (!token) return brokenLink(main, 'Confirm your address', 'This link is incomplete. Open the link from the email again.');
  const status = h('p', { role: 'status', text: 'Confirming your address…' });
  add(main, h('h1', { text: 'Confirm your address' }), status);
  try {
    const answer = await api.confirmSignup(token);
    session.tell('Your address is confirmed and your account is ready.', 'success');
    await continueSignIn(answer);
  } catch (problem) {
    status.replaceWith(h('p', { class: 'notice error', role: 'alert', text: wordsFor(problem) }),
      h('p', {}, 'You can ', h('a', { href: '/sign-up', 'data-link': true, text: 'sign up again' }),
        ' to get a new link, or ', h('a', { href: '/sign-in', 'data-link': true, text: 'sign in' }),
        ' if you confirmed it already.'));
  }
  return undefined;
}

export function resetPassword(main, { query }) {
  const token = takeTokenFromUrl(query);
  if (!token) return brokenLink(main, 'Choose a new password', 'This link is incomplete. Open the link from the email again.');
  const password = field({ label: 'New password', name: 'newPassword', type: 'password', autocomplete: 'new-password', required: true, autofocus: true, hint: PASSWORD_HINT });
  const repeat = field({ label: 'New password again', name: 'repeat', type: 'password', autocomplete: 'new-password', required: true });
  const message = messageLine();
  const form = h('form', { novalidate: true, 'aria-labelledby': 'reset-title' },
    password.wrap, repeat.wrap, message.element, h('button', { type: 'submit', class: 'primary', text: 'Save new password' }));
  onSubmit(form, async () => {
    repeat.clearError();
    if (password.value !== repeat.value) { repeat.showError('The two passwords are not the same.'); repeat.input.focus(); return; }
    try {
      await api.confirmPasswordReset(token, password.value);
      session.tell('Your password is changed and every session of your account has ended. Sign in with the new '
        + 'password; if you use multifactor authentication, you will still be asked for your code.', 'success');
      navigate('/sign-in');
    } catch (problem) {
      showProblem(problem, { fields: { newPassword: password }, message });
    }
  });
  add(main, h('h1', { id: 'reset-title', text: 'Choose a new password' }), form);
  return undefined;
}

export function invitation(main, { query }) {
  const fromUrl = takeTokenFromUrl(query);
  if (fromUrl) session.keepInvitation(fromUrl);
  if (!session.hasInvitation) return brokenLink(main, 'Invitation', 'This link is incomplete. Open the link from the invitation email again.');
  const token = session.takeInvitation();
  session.keepInvitation(token); // kept until answered, also across the sign-in an existing account needs

  const message = messageLine();
  const password = field({ label: 'Choose a password', name: 'password', type: 'password', autocomplete: 'new-password', required: true, hint: PASSWORD_HINT });
  const newAccount = h('form', { novalidate: true, 'aria-labelledby': 'new-account-title' },
    h('h2', { id: 'new-account-title', text: 'New to Gatekeep' }),
    h('p', { text: 'Choose a password for your new account; the invitation proves your email address.' }),
    password.wrap, h('button', { type: 'submit', class: 'primary', text: 'Accept and create my account' }));
  onSubmit(newAccount, async () => {
    try {
      await api.acceptInvitationAsNewAccount(token, password.value);
      session.takeInvitation();
      session.tell('Welcome to Gatekeep: you accepted the invitation. Sign in with your email and new password.', 'success');
      navigate('/sign-in');
    } catch (problem) {
      if (problem.code === 'sign_in_required') {
        newAccount.hidden = true;
        message.show(wordsFor(problem), 'info');
        existing.querySelector('button').focus();
        return;
      }
      showProblem(problem, { fields: { password }, message });
    }
  });

  const signInButton = h('button', { type: 'button', class: 'primary', text: session.signedIn ? 'Accept' : 'Sign in to accept' });
  const existing = h('section', { 'aria-labelledby': 'existing-title' },
    h('h2', { id: 'existing-title', text: 'I have an account' }),
    h('p', { text: 'Accept with your own account: sign in with your password (and your code, if you use '
      + 'multifactor authentication).' }),
    signInButton);
  signInButton.addEventListener('click', () => (session.signedIn ? afterSignIn() : navigate('/sign-in')));

  const declineButton = h('button', { type: 'button', class: 'secondary', text: 'Decline the invitation' });
  declineButton.addEventListener('click', async () => {
    const sure = await confirmDialog({ title: 'Decline the invitation?', body: 'You will not join the organization. '
      + 'Whoever invited you can send a new invitation later.', confirm: 'Decline' });
    if (!sure) return;
    try {
      await api.declineInvitation(token);
      session.takeInvitation();
      fill(main, h('h1', { text: 'Invitation declined' }),
        h('p', { role: 'status', text: 'You declined the invitation. Nothing changed for you.' }));
    } catch (problem) {
      message.show(wordsFor(problem));
    }
  });

  add(main, 
    h('h1', { text: 'You are invited' }),
    h('p', { text: 'The invitation email says who invited you, to which organization and with which role. You '
      + 'become a member only if you accept.' }),
    message.element, newAccount, existing,
    h('section', { 'aria-label': 'Decline' }, h('h2', { text: 'Not for you?' }), declineButton));
  return undefined;
}

export function cancelReset(main, { query }) {
  const token = takeTokenFromUrl(query);
  if (!token) return brokenLink(main, 'Cancel the MFA reset', 'This link is incomplete. Open the link from the email again.');
  const message = messageLine();
  const button = h('button', { type: 'button', class: 'danger', text: 'Cancel the reset', autofocus: true });
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await api.cancelSupportReset(token);
      fill(main, h('h1', { text: 'Reset cancelled' }), h('p', { role: 'status', text: 'Nothing changes on '
        + 'the account: multifactor authentication stays on. Support and the organization owner are told.' }));
    } catch (problem) {
      button.disabled = false;
      message.show(wordsFor(problem));
    }
  });
  add(main, 
    h('h1', { text: 'Cancel the MFA reset' }),
    h('p', { text: 'Support approved a request to turn off multifactor authentication on this account. If you did '
      + 'not ask for it, or no longer want it, cancel it now: nothing will change.' }),
    message.element, button);
  return undefined;
}
