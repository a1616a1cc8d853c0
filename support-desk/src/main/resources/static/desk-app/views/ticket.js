// One ticket: who asked, for which organization, the whole thread (both directions) with every check's outcome,
// the agents' actions so far, and the actions its status allows. Every value from the desk is set as text.
import { api } from '../api.js';
import { sessionEnded } from '../main.js';
import { statusWords, wordsFor } from '../messages.js';
import { h, add, fill, field, messageLine, showProblem, onSubmit, confirmDialog, when } from '../ui.js';

const OPEN_FOR = {
  approve: ['NEEDS_AGENT', 'PENDING_SECOND_APPROVAL', 'AWAITING_APPROVAL', 'AWAITING_REQUESTER'],
  deny: ['NEEDS_AGENT', 'PENDING_SECOND_APPROVAL', 'AWAITING_APPROVAL', 'AWAITING_REQUESTER'],
  escalate: ['PENDING_SECOND_APPROVAL', 'AWAITING_APPROVAL', 'AWAITING_REQUESTER', 'APPROVED'],
};

export async function ticket(main, { id }) {
  const view = h('div', {});
  add(main, h('p', {}, h('a', { href: '/', 'data-link': true, text: 'Back to the queue' })), view);
  await load(view, id, null);
}

/** (Re)draws the ticket; notice is the outcome of the action that caused the reload. */
async function load(view, id, notice) {
  let detail;
  try {
    detail = await api.ticket(id);
  } catch (problem) {
    if (!sessionEnded(problem)) fill(view, h('h1', { text: 'Ticket' }), h('p', { class: 'notice error', role: 'alert', text: wordsFor(problem) }));
    return;
  }
  const reload = (words, kind) => load(view, id, { words, kind });
  fill(view,
    h('h1', { text: `Ticket ${detail.reference}` }),
    notice ? h('p', { class: `notice ${notice.kind}`, role: 'status', text: notice.words }) : null,
    facts(detail),
    h('h2', { text: `Thread (${detail.thread.length} ${detail.thread.length === 1 ? 'message' : 'messages'})` }),
    detail.thread.length ? detail.thread.map(message) : h('p', { class: 'aside', text: 'No messages.' }),
    h('h2', { text: 'Agents\' actions' }),
    actions(detail.actions),
    actionForms(detail, reload));
  const heading = view.querySelector('h1');
  heading.setAttribute('tabindex', '-1');
  if (notice) heading.focus();
}

function facts(d) {
  const row = (term, value) => (value ? [h('dt', { text: term }), h('dd', { text: value })] : null);
  const person = (name, email) => [name, email].filter(Boolean).join(' · ');
  return h('section', { class: 'card', 'aria-label': 'Ticket facts' }, h('dl', { class: 'facts' },
    h('dt', { text: 'Status' }), h('dd', {}, h('span', { class: 'status-badge', id: 'ticket-status', text: statusWords(d.status) }),
      d.statusReason ? ` ${d.statusReason}` : ''),
    row('Requester', person(d.requesterName, d.requesterEmail) || d.requesterAddress || '(no single sender)'),
    row('Wrote from', d.requesterAddress),
    row('Organization', d.organizationName),
    row('Approver', [person(d.approverName, d.approverEmail), d.approverRole].filter(Boolean).join(', ')),
    row('Owner confirmed', when(d.ownerConfirmedAt)),
    row('Opened', when(d.createdAt)),
    row('Expires', when(d.expiresAt)),
    row('Approved', [when(d.approvedAt), d.approvedVia ? `by ${d.approvedVia}` : null].filter(Boolean).join(' ')),
    row('Reset time', when(d.resetAt)),
    row('Reset released', when(d.resetReleasedAt))));
}

function message(m) {
  const outbound = m.direction === 'OUT';
  const checks = Array.isArray(m.checks) ? m.checks : [];
  return h('article', { class: `message ${outbound ? 'outbound' : 'inbound'}`, 'aria-label': `${outbound ? 'Sent' : 'Received'} ${m.kind || 'message'}` },
    h('p', { class: 'message-head' },
      h('strong', { text: outbound ? 'Sent by the desk' : 'Received' }),
      ` · ${m.kind || ''} · ${when(m.at)}`),
    h('p', { class: 'message-head', text: `From ${m.from || (outbound ? 'the desk' : '(unknown sender)')}${m.recipient ? ` to ${m.recipient}` : ''}` }),
    h('p', {}, h('strong', { text: m.subject || '(no subject)' })),
    h('pre', { class: 'message-body', text: m.body || '' }),
    checks.length ? h('ul', { class: 'checks', 'aria-label': 'Checks' }, checks.map((c) => h('li', {},
      h('span', { class: c.passed ? 'check-pass' : 'check-fail', text: c.passed ? 'Pass' : 'Fail' }),
      ` ${c.name}`, c.detail ? `: ${c.detail}` : ''))) : null);
}

function actions(list) {
  if (!list.length) return h('p', { class: 'aside', text: 'No agent has acted on this ticket yet.' });
  return h('ul', { class: 'plain' }, list.map((a) => h('li', {},
    h('strong', { text: a.action }), ` by ${a.agent} · ${when(a.at)}`,
    a.fromStatus !== a.toStatus ? ` · ${statusWords(a.fromStatus)} → ${statusWords(a.toStatus)}` : '',
    a.text ? h('p', { class: 'message-body', text: a.text }) : null)));
}

function actionForms(d, reload) {
  const forms = [];
  if (OPEN_FOR.approve.includes(d.status)) forms.push(approveForm(d, reload));
  if (OPEN_FOR.deny.includes(d.status)) forms.push(textForm(d, reload, {
    name: 'deny', title: 'Deny', label: 'Why it is denied (optional)', button: 'Deny',
    hint: 'Kept in the audit; the requester is told by mail that the request was denied.',
    confirm: { title: `Deny ticket ${d.reference}?`, body: 'The ticket becomes Denied and the requester is told. '
      + 'This cannot be undone.', confirm: 'Deny the request', danger: true },
    send: (text) => api.deny(d.id, text || null), done: 'The request is denied.',
  }));
  if (OPEN_FOR.escalate.includes(d.status)) forms.push(textForm(d, reload, {
    name: 'escalate', title: 'Escalate', label: 'Why an agent should decide (optional)', button: 'Escalate',
    confirm: { title: `Escalate ticket ${d.reference}?`, body: d.status === 'APPROVED'
      ? 'The ticket goes back to Needs an agent and the approved reset is stopped.'
      : 'The ticket goes back to Needs an agent; the owner\'s answer no longer decides it.', confirm: 'Escalate' },
    send: (text) => api.escalate(d.id, text || null), done: 'The ticket is back with the agents.',
  }));
  forms.push(textForm(d, reload, {
    name: 'note', title: 'Note', label: 'Note', button: 'Add note', required: true,
    hint: 'For the agents: kept with the ticket and in the audit, never sent to anyone.',
    send: (text) => api.note(d.id, text), done: 'The note is added.',
  }));
  return h('section', { 'aria-label': 'Actions' }, h('h2', { text: 'Actions' }), h('div', { class: 'action-forms' }, forms));
}

function approveForm(d, reload) {
  const justification = field({ label: 'Justification', name: 'justification', multiline: true, required: true,
    minlength: 20, hint: 'At least 20 characters: how you know the requester is who they say. A second agent must '
      + 'approve too unless the owner confirmed.' });
  const message = messageLine();
  const form = h('form', { novalidate: true, class: 'card', 'aria-labelledby': `approve-title` },
    h('h3', { id: 'approve-title', text: 'Approve the MFA reset' }), justification.wrap, message.element,
    h('button', { type: 'submit', class: 'primary', text: 'Approve' }));
  onSubmit(form, async () => {
    justification.clearError();
    message.clear();
    if (justification.value.trim().length < 20) {
      justification.showError('Write at least 20 characters: why is this person who they say?');
      justification.input.focus();
      return;
    }
    const yes = await confirmDialog({ title: `Approve the MFA reset of ticket ${d.reference}?`,
      body: ['The requester\'s multifactor authentication will be switched off after the waiting time, unless they or an '
        + 'owner cancel it. The requester and every owner are emailed.', 'Without the owner\'s confirmation a second '
        + 'agent must approve too.'], confirm: 'Approve the reset' });
    if (!yes) return;
    try {
      await api.approve(d.id, justification.value.trim());
      await reload('Approved: the reset waits for its time, and the requester and the owners are told.', 'success');
    } catch (problem) {
      if (sessionEnded(problem)) return;
      if (problem.code === 'second_approval_required' || problem.code === 'transition_not_allowed') {
        await reload(wordsFor(problem), problem.code === 'second_approval_required' ? 'info' : 'error');
        return;
      }
      showProblem(problem, { fields: [justification], message, byCode: { justification_required: justification } });
    }
  });
  return form;
}

function textForm(d, reload, { name, title, label, button, hint, required = false, confirm, send, done }) {
  const text = field({ label, name, multiline: true, hint, required });
  const message = messageLine();
  const form = h('form', { novalidate: true, class: 'card', 'aria-labelledby': `${name}-title` },
    h('h3', { id: `${name}-title`, text: title }), text.wrap, message.element,
    h('button', { type: 'submit', class: confirm?.danger ? 'danger' : 'secondary', text: button }));
  onSubmit(form, async () => {
    text.clearError();
    message.clear();
    if (required && !text.value.trim()) { text.showError('Write something first.'); text.input.focus(); return; }
    if (confirm && !(await confirmDialog(confirm))) return;
    try {
      await send(text.value.trim());
      await reload(done, 'success');
    } catch (problem) {
      if (sessionEnded(problem)) return;
      if (problem.code === 'transition_not_allowed') { await reload(wordsFor(problem), 'error'); return; }
      showProblem(problem, { fields: [text], message, byCode: { text_required: text } });
    }
  });
  return form;
}
