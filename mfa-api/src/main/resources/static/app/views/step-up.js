// Sensitive actions need a second factor verified recently (403 mfa_step_up_required): ask for a code, re-verify
// the session with it, and try the action once more.
import { api } from '../api.js';
import { wordsFor } from '../messages.js';
import { h, field } from '../ui.js';

function askForCode() {
  return new Promise((resolve) => {
    const code = field({ label: 'Code from your authenticator app', name: 'stepUpCode', autocomplete: 'one-time-code', inputmode: 'numeric', pattern: '[0-9 ]*', maxlength: 7, required: true });
    const confirm = h('button', { type: 'submit', class: 'primary', text: 'Confirm' });
    const cancel = h('button', { type: 'button', class: 'secondary', text: 'Cancel' });
    const form = h('form', { method: 'dialog', novalidate: true }, code.wrap, h('div', { class: 'actions' }, confirm, cancel));
    const dialog = h('dialog', { 'aria-labelledby': 'step-up-title' },
      h('h2', { id: 'step-up-title', text: 'Confirm it is you' }),
      h('p', { text: 'This change needs a fresh code from your authenticator app.' }), form);
    const close = (value) => { dialog.close(); dialog.remove(); resolve(value); };
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const value = code.value.replace(/\s+/g, '');
      if (!/^[0-9]{6}$/.test(value)) { code.showError('Enter the 6 digits your app shows.'); return; }
      confirm.disabled = true;
      try {
        await api.stepUp(value);
        close(true);
      } catch (problem) {
        code.showError(wordsFor(problem));
        confirm.disabled = false;
        code.input.focus();
      }
    });
    cancel.addEventListener('click', () => close(false));
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); close(false); });
    document.body.append(dialog);
    dialog.showModal();
    code.input.focus();
  });
}

/** Runs action(); after a step-up prompt, runs it once more. Rethrows any other problem. */
export async function withStepUp(action) {
  try {
    return await action();
  } catch (problem) {
    if (problem.code !== 'mfa_step_up_required') throw problem;
    if (!(await askForCode())) return null;
    return action();
  }
}
