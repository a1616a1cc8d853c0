// Sign in: email and password, then the verification page (a code from the app, or the recovery code).
import { api } from '../api.js';
import { session } from '../session.js';
import { navigate } from '../router.js';
import { h, field, messageLine, showProblem, onSubmit, add } from '../ui.js';
import { continueSignIn } from './signed-in.js';

export function signIn(main) {
  const email = field({ label: 'Email', name: 'email', type: 'email', autocomplete: 'username', required: true, autofocus: true });
  const password = field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = messageLine();
  const form = h('form', { novalidate: true, 'aria-labelledby': 'sign-in-title' },
    email.wrap, password.wrap, message.element,
    h('button', { type: 'submit', class: 'primary', text: 'Sign in' }));
  onSubmit(form, async () => {
    try {
      await continueSignIn(await api.signIn(email.value.trim(), password.value));
    } catch (problem) {
      showProblem(problem, {
        fields: { email, password }, message,
        byCode: { invalid_credentials: password, email_not_verified: email },
      });
    }
  });
  add(main, 
    h('h1', { id: 'sign-in-title', text: 'Sign in' }),
    session.hasInvitation ? h('p', { text: 'Sign in to accept your invitation.' }) : null,
    form,
    h('p', { class: 'aside' }, h('a', { href: '/forgot-password', 'data-link': true, text: 'Forgot your password?' })),
    h('p', { class: 'aside' }, 'New to Gatekeep? ', h('a', { href: '/sign-up', 'data-link': true, text: 'Create an account' })),
  );
}

export function verification(main) {
  if (!session.challenge) {
    navigate('/sign-in', { replace: true });
    return undefined;
  }
  const code = field({
    label: 'Verification code', name: 'code', autocomplete: 'one-time-code', inputmode: 'numeric',
    pattern: '[0-9 ]*', maxlength: 7, required: true, autofocus: true,
    hint: 'The 6-digit code your authenticator app shows for Gatekeep.',
  });
  const recovery = field({
    label: 'Recovery code', name: 'recoveryCode', autocomplete: 'off', autocapitalize: 'characters',
    spellcheck: 'false', required: true,
    hint: 'The code you saved when you set up MFA, like 7Q4K-2M9D-X3PA-RT6W-8HJN.',
  });
  const message = messageLine();
  const refused = (problem, target) => {
    if (problem.code === 'challenge_expired') {
      session.clear();
      session.tell('Signing in took too long. Enter your email and password again.');
      navigate('/sign-in');
      return;
    }
    showProblem(problem, { fields: { code: target }, message, byCode: { invalid_code: target, code_already_used: target } });
  };

  const codeForm = h('form', { novalidate: true, 'aria-label': 'Verification code' },
    code.wrap, h('button', { type: 'submit', class: 'primary', text: 'Verify' }));
  onSubmit(codeForm, async () => {
    const value = code.value.replace(/\s+/g, '');
    if (!/^[0-9]{6}$/.test(value)) { code.showError('Enter the 6 digits your app shows.'); code.input.focus(); return; }
    try { await continueSignIn(await api.signInWithCode(session.challenge, value)); } catch (p) { refused(p, code); }
  });

  const recoveryForm = h('form', { novalidate: true, 'aria-label': 'Recovery code', hidden: true },
    recovery.wrap,
    h('p', { class: 'warning-text', text: 'Signing in with your recovery code uses it up and turns multifactor '
      + 'authentication off for your account. If your organization requires MFA, you will set it up again right away.' }),
    h('button', { type: 'submit', class: 'primary', text: 'Sign in with recovery code' }));
  onSubmit(recoveryForm, async () => {
    if (!recovery.value.trim()) { recovery.showError('Enter your recovery code.'); recovery.input.focus(); return; }
    try {
      await continueSignIn(await api.signInWithRecoveryCode(session.challenge, recovery.value.trim()));
    } catch (p) { refused(p, recovery); }
  });

  const toggle = h('button', { type: 'button', class: 'link-button', text: 'Use your recovery code instead' });
  toggle.addEventListener('click', () => {
    const toRecovery = recoveryForm.hidden;
    recoveryForm.hidden = !toRecovery;
    codeForm.hidden = toRecovery;
    message.clear();
    toggle.textContent = toRecovery ? 'Use a code from your app instead' : 'Use your recovery code instead';
    (toRecovery ? recovery : code).input.focus();
  });

  add(main, 
    h('h1', { text: 'Verification' }),
    h('p', { text: 'Open your authenticator app and enter the code it shows for Gatekeep.' }),
    codeForm, recoveryForm, message.element,
    h('p', { class: 'aside' }, toggle),
    h('p', { class: 'aside' }, 'Lost your device and your recovery code? ',
      h('a', { href: '/support', 'data-link': true, text: 'Get help' })),
  );
  return undefined;
}
