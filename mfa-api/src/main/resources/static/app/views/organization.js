// Organization settings for owners and admins: members with their MFA status, invitations, roles and permissions,
// the MFA enforcement toggle, the compliance view and the audit trail.
import { api } from '../api.js';
import { sessionEnded } from '../router.js';
import { wordsFor } from '../messages.js';
import { h, field, select, messageLine, showProblem, onSubmit, confirmDialog, when, add, fill } from '../ui.js';
import { withStepUp } from './step-up.js';

const ROLES = [['MEMBER', 'Member'], ['ADMIN', 'Admin'], ['OWNER', 'Owner']];
const ROLE = Object.fromEntries(ROLES);
const MANAGE = 'MANAGE_ORG_ACCESS';
let chosen = null; // the organization shown, when the person manages several

const managesAccess = (o) => o.role === 'OWNER' || o.permissions.includes(MANAGE);
const managesMembers = (o) => o.role === 'OWNER' || o.role === 'ADMIN';

export async function organization(main) {
  let me;
  try { me = await api.me(); } catch (problem) { sessionEnded(problem); return undefined; }
  const manageable = me.organizations.filter((o) => managesMembers(o) || managesAccess(o));
  add(main, h('h1', { text: 'Organization settings' }));
  if (manageable.length === 0) {
    add(main, h('p', { text: 'Only owners and admins manage an organization. Ask an owner of yours for changes.' }));
    return undefined;
  }
  const current = manageable.find((o) => o.id === chosen) || manageable[0];
  chosen = current.id;
  if (manageable.length > 1) {
    const picker = select({ label: 'Organization', name: 'organization', value: current.id, options: manageable.map((o) => [o.id, o.name]) });
    picker.input.addEventListener('change', () => { chosen = picker.input.value; fill(main, ); organization(main); });
    add(main, picker.wrap);
  } else {
    add(main, h('p', { class: 'lead', text: current.name }));
  }
  const sections = h('div', { class: 'sections' });
  add(main, sections);
  const reload = () => renderSections(sections, me, current, reload);
  await reload();
  return undefined;
}

async function renderSections(sections, me, org, reload) {
  try {
    const [members, invitations, enforcement, compliance] = await Promise.all([
      api.members(org.id),
      managesMembers(org) ? api.invitations(org.id) : null,
      managesAccess(org) || org.role === 'ADMIN' ? api.enforcement(org.id) : null,
      managesAccess(org) || org.role === 'ADMIN' ? api.compliance(org.id) : null,
    ]);
    fill(sections, 
      enforcementSection(me, org, enforcement, compliance, reload),
      membersSection(me, org, members.members, reload),
      managesMembers(org) ? inviteSection(org, invitations.invitations, reload) : null,
      compliance ? complianceSection(compliance) : null,
      managesMembers(org) ? auditSection(org, members.members) : null,
    );
  } catch (problem) {
    if (!sessionEnded(problem)) fill(sections, h('p', { class: 'notice error', role: 'alert', text: wordsFor(problem) }));
  }
}

function enforcementSection(me, org, enforcement, compliance, reload) {
  if (!enforcement) return null;
  const canChange = managesAccess(org);
  const message = messageLine();
  const toggle = h('input', { type: 'checkbox', role: 'switch', id: 'enforce-mfa', checked: enforcement.enforced, disabled: !canChange || (!me.mfaEnabled && !enforcement.enforced) });
  toggle.addEventListener('change', async () => {
    const wanted = toggle.checked;
    toggle.checked = !wanted; // stays as the server has it until confirmed and done
    const waiting = compliance ? compliance.withoutMfa : 0;
    const sure = await confirmDialog(wanted ? {
      title: `Require MFA for ${org.name}?`,
      body: [`${waiting === 1 ? '1 member does' : `${waiting} members do`} not use multifactor authentication yet `
        + `and will be asked to set it up the next time they sign in.`, 'Members who use it already notice nothing.'],
      confirm: 'Require MFA',
    } : {
      title: `Stop requiring MFA for ${org.name}?`,
      body: 'Members keep their MFA if they have it, and may turn it off.',
      confirm: 'Stop requiring MFA', danger: true,
    });
    if (!sure) { toggle.focus(); return; }
    try {
      const result = await withStepUp(() => api.setEnforcement(org.id, wanted));
      if (result) await reload();
    } catch (problem) {
      if (!sessionEnded(problem)) message.show(wordsFor(problem));
    }
  });
  const explain = !me.mfaEnabled && canChange && !enforcement.enforced
    ? h('p', { class: 'notice info', id: 'enforce-prerequisite' }, 'To require multifactor authentication from others, '
      + 'turn it on for your own account first: ', h('a', { href: '/profile', 'data-link': true, text: 'Profile → Set Up' }), '.')
    : null;
  return h('section', { class: 'card', 'aria-labelledby': 'enforce-title' },
    h('h2', { id: 'enforce-title', text: 'Multifactor Authentication' }),
    h('div', { class: 'switch' }, toggle, h('label', { for: 'enforce-mfa', text: `Require multifactor authentication for everyone in ${org.name}` })),
    h('p', { class: 'hint', id: 'enforce-state', text: enforcement.enforced
      ? `Required${enforcement.changedAt ? ` since ${when(enforcement.changedAt)}` : ''}: members without it set it up at their next sign-in.`
      : 'Not required: each member decides.' }),
    canChange ? null : h('p', { class: 'hint', text: 'Only owners and members allowed to manage access change this.' }),
    explain, message.element);
}

function membersSection(me, org, members, reload) {
  const message = messageLine();
  const rows = members.map((m) => {
    const self = m.userId === me.user.id;
    const cells = [
      h('td', {}, h('span', { text: m.displayName || '—' }), self ? h('span', { class: 'hint', text: ' (you)' }) : null),
      h('td', { text: m.email }),
      h('td', { text: `${ROLE[m.role] || m.role}${m.permissions.includes(MANAGE) && m.role !== 'OWNER' ? ' · manages access' : ''}` }),
      h('td', { class: m.mfaEnabled ? 'mfa on' : 'mfa off', text: m.mfaEnabled ? 'On' : 'Off' }),
    ];
    const actions = h('div', { class: 'row-actions' });
    if (managesMembers(org) && !self && (org.role === 'OWNER' || m.role !== 'OWNER')) {
      const role = select({ label: `Role of ${m.email}`, name: `role-${m.userId}`, value: m.role, options: org.role === 'OWNER' ? ROLES : ROLES.slice(0, 2) });
      const access = org.role === 'OWNER' && m.role !== 'OWNER'
        ? h('input', { type: 'checkbox', id: `access-${m.userId}`, checked: m.permissions.includes(MANAGE) }) : null;
      const save = h('button', { type: 'button', class: 'secondary', text: 'Save' });
      save.addEventListener('click', async () => {
        const permissions = org.role === 'OWNER' && access ? (access.checked ? [MANAGE] : []) : undefined;
        try {
          await withStepUp(() => api.changeMember(org.id, m.userId, role.input.value, permissions));
          await reload();
        } catch (problem) { if (!sessionEnded(problem)) message.show(`${m.email}: ${wordsFor(problem)}`); }
      });
      const remove = h('button', { type: 'button', class: 'danger', text: 'Remove' });
      remove.addEventListener('click', async () => {
        if (!(await confirmDialog({ title: `Remove ${m.email}?`, body: `They lose access to ${org.name} at once.`, confirm: 'Remove', danger: true }))) return;
        try {
          await withStepUp(() => api.removeMember(org.id, m.userId));
          await reload();
        } catch (problem) { if (!sessionEnded(problem)) message.show(`${m.email}: ${wordsFor(problem)}`); }
      });
      add(actions, role.wrap, access ? h('div', { class: 'check' }, access, h('label', { for: `access-${m.userId}`, text: 'Manage access for organization' })) : null, save, remove);
    }
    return h('tr', {}, ...cells, h('td', {}, actions));
  });
  return h('section', { class: 'card', 'aria-labelledby': 'members-title' },
    h('h2', { id: 'members-title', text: 'Members' }),
    message.element,
    h('div', { class: 'table-wrap' }, h('table', { id: 'members' },
      h('thead', {}, h('tr', {}, ['Name', 'Email', 'Role', 'MFA', 'Changes'].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, rows))));
}

function inviteSection(org, invitations, reload) {
  const email = field({ label: 'Email address', name: 'email', type: 'email', autocomplete: 'off', required: true });
  const role = select({ label: 'Role', name: 'role', value: 'MEMBER', options: org.role === 'OWNER' ? ROLES : ROLES.slice(0, 2) });
  const message = messageLine();
  const form = h('form', { novalidate: true, 'aria-labelledby': 'invite-title', class: 'inline-form' },
    email.wrap, role.wrap, h('button', { type: 'submit', class: 'primary', text: 'Send invitation' }));
  onSubmit(form, async () => {
    try {
      await withStepUp(() => api.invite(org.id, email.value.trim(), role.input.value));
      await reload();
    } catch (problem) {
      if (!sessionEnded(problem)) showProblem(problem, { fields: { email, role }, message, byCode: { already_member: email } });
    }
  });
  const pending = invitations.length === 0 ? h('p', { class: 'hint', text: 'No open invitations.' })
    : h('ul', { class: 'plain', id: 'pending-invitations' }, invitations.map((i) => {
      const cancel = h('button', { type: 'button', class: 'secondary', text: 'Cancel', 'aria-label': `Cancel the invitation of ${i.email}` });
      cancel.addEventListener('click', async () => {
        try { await api.cancelInvitation(org.id, i.invitationId); await reload(); } catch (problem) { if (!sessionEnded(problem)) message.show(wordsFor(problem)); }
      });
      return h('li', {}, h('span', { text: `${i.email} · ${ROLE[i.role] || i.role} · until ${when(i.expiresAt)}` }), ' ', cancel);
    }));
  return h('section', { class: 'card', 'aria-labelledby': 'invite-title' },
    h('h2', { id: 'invite-title', text: 'Invite someone' }),
    h('p', { class: 'hint', text: 'They get an email and become a member only if they accept it.' }),
    form, message.element,
    h('h3', { text: 'Pending invitations' }), pending);
}

function complianceSection(compliance) {
  return h('section', { class: 'card', 'aria-labelledby': 'compliance-title' },
    h('h2', { id: 'compliance-title', text: 'Compliance' }),
    h('p', { id: 'compliance-counts', text: `${compliance.withMfa} of ${compliance.members} members use multifactor authentication.` }),
    compliance.membersWithoutMfa.length === 0 ? h('p', { text: 'Everyone uses it.' })
      : [h('h3', { text: 'Still without MFA' }),
        h('ul', { class: 'plain' }, compliance.membersWithoutMfa.map((m) => h('li', { text: `${m.displayName || m.email} (${m.email})${m.status === 'INVITED' ? ', invited' : ''}` })))]);
}

function auditSection(org, members) {
  const names = new Map(members.map((m) => [m.userId, m.email]));
  const body = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary', text: 'Show older entries', hidden: true });
  const message = messageLine();
  let cursor = null;
  const load = async () => {
    try {
      const page = await api.audit(org.id, cursor);
      page.entries.forEach((e) => body.append(h('tr', {},
        h('td', { text: when(e.occurredAt) }), h('td', { text: e.action }),
        h('td', { text: names.get(e.actorUserId) || (e.actorUserId ? 'a former member' : 'Gatekeep') }),
        h('td', { text: names.get(e.userId) || '' }))));
      cursor = page.nextCursor || null;
      more.hidden = !cursor;
    } catch (problem) { if (!sessionEnded(problem)) message.show(wordsFor(problem)); }
  };
  more.addEventListener('click', load);
  load();
  return h('section', { class: 'card', 'aria-labelledby': 'audit-title' },
    h('h2', { id: 'audit-title', text: 'Audit trail' }), message.element,
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['When', 'What', 'By', 'Concerning'].map((t) => h('th', { scope: 'col', text: t })))), body)),
    more);
}
