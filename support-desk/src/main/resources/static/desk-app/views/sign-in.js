// Sign in: user name, password and the 6-digit code of the agent's authenticator, in one step.
import { api } from '../api.js';
import { session } from '../session.js';
import { navigate } from '../main.js';
import { h, field, messageLine, showProblem, onSubmit, add } from '../ui.js';

export function signIn(main) {
  const username = field({ label: 'User name', name: 'username', autocomplete: 'username', required: true,
    autocapitalize: 'none', spellcheck: 'false', autofocus: true });
  const password = field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'current-password',
    required: true });
  const code = field({ label: 'Authenticator code', name: 'code', autocomplete: 'one-time-code', inputmode: 'numeric',
    pattern: '[0-9 ]*', maxlength: 7, required: true,
    hint: 'The 6-digit code your authenticator app shows for the Gatekeep support desk.' });
  const fields = [username, password, code];
  const message = messageLine();
  const form = h('form', { novalidate: true, 'aria-labelledby': 'sign-in-title' },
    username.wrap, password.wrap, code.wrap, message.element,
    h('button', { type: 'submit', class: 'primary', text: 'Sign in' }));
  onSubmit(form, async () => {
    fields.forEach((f) => f.clearError());
    message.clear();
    const digits = code.value.replace(/\s+/g, '');
    if (!username.value.trim()) { username.showError('Enter your user name.'); username.input.focus(); return; }
    if (!password.value) { password.showError('Enter your password.'); password.input.focus(); return; }
    if (!/^[0-9]{6}$/.test(digits)) { code.showError('Enter the 6 digits your app shows.'); code.input.focus(); return; }
    try {
      const answer = await api.signIn(username.value.trim(), password.value, digits);
      session.signedInWith(answer.token, username.value.trim());
      navigate('/');
    } catch (problem) {
      // one answer for a wrong name, password or code: shown at the code, the field an agent retypes
      showProblem(problem, { fields, message, byCode: { invalid_credentials: code, locked_out: code, rate_limited: code } });
      code.input.value = '';
    }
  });
  add(main,
    h('h1', { id: 'sign-in-title', text: 'Sign in to the support desk' }),
    h('p', { class: 'lead', text: 'For support agents. Your session is kept in this page only: reloading it signs you out.' }),
    form);
}
