// The account's own security: its sessions, its security log, changing the password, turning MFA off.
import { api } from '../api.js';
import { navigate, sessionEnded } from '../router.js';
import { session } from '../session.js';
import { wordsFor } from '../messages.js';
import { h, field, messageLine, showProblem, onSubmit, confirmDialog, when, add, fill } from '../ui.js';
import { withStepUp } from './step-up.js';

const failed = (target) => (problem) => { if (!sessionEnded(problem)) target.replaceChildren(h('p', { class: 'notice error', role: 'alert', text: wordsFor(problem) })); };

export async function security(main) {
  let me;
  try { me = await api.me(); } catch (problem) { sessionEnded(problem); return undefined; }
  const sessionsBox = h('div');
  const logBox = h('div');
  add(main, 
    h('h1', { text: 'Security' }),
    h('section', { class: 'card', 'aria-labelledby': 'sessions-title' }, h('h2', { id: 'sessions-title', text: 'Where you are signed in' }), sessionsBox),
    passwordSection(),
    mfaSection(me),
    h('section', { class: 'card', 'aria-labelledby': 'log-title' }, h('h2', { id: 'log-title', text: 'Security log' }),
      h('p', { class: 'hint', text: 'Your sign-ins, failures and MFA changes, with the network address they came from. Only you see these.' }), logBox),
  );
  sessions(sessionsBox).catch(failed(sessionsBox));
  securityLog(logBox).catch(failed(logBox));
  return undefined;
}

async function sessions(box) {
  const answer = await api.sessions();
  const list = Array.isArray(answer) ? answer : (answer.sessions || []);
  const message = messageLine();
  const rows = list.map((s) => {
    const end = s.current ? h('span', { class: 'hint', text: 'This device' }) : h('button', { type: 'button', class: 'secondary', text: 'End', 'aria-label': `End the session from ${s.userAgent || s.clientIp || 'an unknown device'}` });
    if (!s.current) {
      end.addEventListener('click', async () => {
        try { await api.endSession(s.id); await sessions(box); } catch (problem) { if (!sessionEnded(problem)) message.show(wordsFor(problem)); }
      });
    }
    return h('tr', {}, h('td', { text: s.userAgent || 'Unknown device' }), h('td', { text: s.clientIp || '' }),
      h('td', { text: when(s.createdAt) }), h('td', { text: when(s.lastUsedAt) }), h('td', {}, end));
  });
  const endOthers = h('button', { type: 'button', class: 'danger', text: 'End all other sessions' });
  endOthers.addEventListener('click', async () => {
    if (!(await confirmDialog({ title: 'End all other sessions?', body: 'Every other device is signed out at once.', confirm: 'End them', danger: true }))) return;
    try { await api.endOtherSessions(); await sessions(box); } catch (problem) { if (!sessionEnded(problem)) message.show(wordsFor(problem)); }
  });
  fill(box, message.element,
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['Device', 'Network address', 'Signed in', 'Last used', ''].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, rows))),
    endOthers);
}

async function securityLog(box, cursor = null, body = h('tbody')) {
  const page = await api.securityEvents(cursor);
  page.entries.forEach((e) => body.append(h('tr', {}, h('td', { text: when(e.occurredAt) }), h('td', { text: e.action }), h('td', { text: e.clientIp || '' }))));
  const more = page.nextCursor ? h('button', { type: 'button', class: 'secondary', text: 'Show older entries' }) : null;
  more?.addEventListener('click', () => securityLog(box, page.nextCursor, body).catch(failed(box)));
  fill(box, h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ['When', 'What', 'Network address'].map((t) => h('th', { scope: 'col', text: t })))), body)), more);
}

function passwordSection() {
  const current = field({ label: 'Current password', name: 'currentPassword', type: 'password', autocomplete: 'current-password', required: true });
  const next = field({ label: 'New password', name: 'newPassword', type: 'password', autocomplete: 'new-password', required: true, hint: 'At least 12 characters.' });
  const message = messageLine();
  const form = h('form', { novalidate: true, 'aria-labelledby': 'password-title' }, current.wrap, next.wrap, message.element,
    h('button', { type: 'submit', class: 'primary', text: 'Change password' }));
  onSubmit(form, async () => {
    try {
      const done = await withStepUp(() => api.changePassword(current.value, next.value));
      if (done) { form.reset(); message.show('Your password is changed. Your other sessions have ended.', 'success'); }
    } catch (problem) {
      if (!sessionEnded(problem)) showProblem(problem, { fields: { currentPassword: current, newPassword: next }, message, byCode: { invalid_credentials: current } });
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'password-title' }, h('h2', { id: 'password-title', text: 'Change password' }), form);
}

function mfaSection(me) {
  const box = h('section', { class: 'card', 'aria-labelledby': 'mfa-off-title' }, h('h2', { id: 'mfa-off-title', text: 'Multifactor Authentication' }));
  if (!me.mfaEnabled) {
    add(box, h('p', {}, 'Off. ', h('a', { href: '/setup', 'data-link': true, text: 'Set it up' }), ' to protect your account.'));
    return box;
  }
  const code = field({ label: 'Code from your authenticator app', name: 'code', autocomplete: 'one-time-code', inputmode: 'numeric', pattern: '[0-9 ]*', maxlength: 7, required: true });
  const message = messageLine();
  const form = h('form', { novalidate: true, 'aria-labelledby': 'mfa-off-title' }, code.wrap, message.element,
    h('button', { type: 'submit', class: 'danger', text: 'Turn MFA off' }));
  onSubmit(form, async () => {
    const value = code.value.replace(/\s+/g, '');
    if (!/^[0-9]{6}$/.test(value)) { code.showError('Enter the 6 digits your app shows.'); return; }
    try {
      const done = await withStepUp(() => api.turnMfaOff(value));
      if (done) {
        session.tell('Multifactor authentication is off and your recovery code is void.', 'warning');
        navigate('/profile');
      }
    } catch (problem) {
      if (!sessionEnded(problem)) showProblem(problem, { fields: { code }, message, byCode: { invalid_code: code, code_already_used: code } });
    }
  });
  add(box, h('p', { text: `On since ${when(me.mfaEnabledAt)}. Turning it off voids your recovery code.` }),
    me.mfaRequired ? h('p', { class: 'notice info', text: 'An organization you belong to requires it, so it cannot be turned off.' }) : form);
  return box;
}
