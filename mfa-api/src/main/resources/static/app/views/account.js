// Creating an account and getting back into one: sign up, "check your email", forgot password.
import { api } from '../api.js';
import { session } from '../session.js';
import { navigate } from '../router.js';
import { h, field, messageLine, showProblem, onSubmit, add } from '../ui.js';

const PASSWORD_HINT = 'At least 12 characters. A few unrelated words make a good one.';
let pendingAddress = null; // shown on "check your email"; an address is not a secret, but it stays out of the URL

export function signUp(main) {
  const organizationName = field({ label: 'Organization name', name: 'organizationName', autocomplete: 'organization', required: true, autofocus: true, maxlength: 100 });
  const displayName = field({ label: 'Your name', name: 'displayName', autocomplete: 'name', required: true, maxlength: 100 });
  const email = field({ label: 'Email', name: 'email', type: 'email', autocomplete: 'email', required: true });
  const password = field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'new-password', required: true, hint: PASSWORD_HINT });
  const message = messageLine();
  const form = h('form', { novalidate: true, 'aria-labelledby': 'sign-up-title' },
    organizationName.wrap, displayName.wrap, email.wrap, password.wrap, message.element,
    h('button', { type: 'submit', class: 'primary', text: 'Create account' }));
  onSubmit(form, async () => {
    try {
      const answer = await api.signUp(organizationName.value.trim(), displayName.value.trim(), email.value.trim(),
        password.value);
      if (answer.httpStatus === 201) { // an API that creates the account at once (no address confirmation)
        session.tell('Your account is ready. Sign in with your email and password.', 'success');
        navigate('/sign-in');
        return;
      }
      pendingAddress = email.value.trim();
      navigate('/check-email');
    } catch (problem) {
      showProblem(problem, {
        fields: { organizationName, displayName, email, password }, message, byCode: { email_taken: email },
      });
    }
  });
  add(main, 
    h('h1', { id: 'sign-up-title', text: 'Create an account' }),
    h('p', { text: 'You will own a new organization on Gatekeep and can invite your team to it.' }),
    form,
    h('p', { class: 'aside' }, 'Already have an account? ', h('a', { href: '/sign-in', 'data-link': true, text: 'Sign in' })),
  );
}

export function checkEmail(main) {
  add(main, 
    h('h1', { text: 'Check your email' }),
    h('p', {}, 'We have sent a link to ', h('strong', { text: pendingAddress || 'your address' }),
      '. Open it to confirm the address and finish creating your account. The link works for 24 hours.'),
    h('p', { text: 'No email? Look in your spam folder, or sign up again to get a new link (the old one stops working).' }),
    h('p', { class: 'aside' }, h('a', { href: '/sign-in', 'data-link': true, text: 'Back to sign in' })),
  );
}

export function forgotPassword(main) {
  const email = field({ label: 'Email', name: 'email', type: 'email', autocomplete: 'username', required: true, autofocus: true });
  const message = messageLine();
  const form = h('form', { novalidate: true, 'aria-labelledby': 'forgot-title' },
    email.wrap, message.element, h('button', { type: 'submit', class: 'primary', text: 'Email me a link' }));
  onSubmit(form, async () => {
    if (!email.value.trim()) { email.showError('Enter the email address of your account.'); return; }
    try {
      await api.requestPasswordReset(email.value.trim());
      form.replaceWith(h('p', { class: 'notice success', role: 'status', text: 'If an account uses this address, '
        + 'we have sent it a link to choose a new password. The link works for one hour.' }));
    } catch (problem) {
      showProblem(problem, { fields: { email }, message });
    }
  });
  add(main, 
    h('h1', { id: 'forgot-title', text: 'Forgot your password?' }),
    h('p', { text: 'Enter your email and we will send you a link to choose a new one. Your multifactor '
      + 'authentication stays on: you will still need your code to sign in.' }),
    form,
    h('p', { class: 'aside' }, h('a', { href: '/sign-in', 'data-link': true, text: 'Back to sign in' })),
  );
}
