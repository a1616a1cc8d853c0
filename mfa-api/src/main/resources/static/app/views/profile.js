// The profile: who is signed in, their organizations, and the Multifactor Authentication section with "Set Up".
import { api } from '../api.js';
import { navigate, sessionEnded } from '../router.js';
import { wordsFor } from '../messages.js';
import { h, when, add } from '../ui.js';

const ROLE = { OWNER: 'Owner', ADMIN: 'Admin', MEMBER: 'Member' };

export async function profile(main) {
  let me;
  try {
    me = await api.me();
  } catch (problem) {
    if (!sessionEnded(problem)) add(main, h('h1', { text: 'Your profile' }), h('p', { class: 'notice error', role: 'alert', text: wordsFor(problem) }));
    return undefined;
  }
  const setUp = h('button', { type: 'button', class: 'primary', text: 'Set Up' });
  setUp.addEventListener('click', () => navigate('/setup'));
  const mfa = me.mfaEnabled
    ? [h('p', { class: 'status on' }, h('strong', { text: 'On' }), ` since ${when(me.mfaEnabledAt)}.`),
      h('p', {}, 'Turn it off or see your sign-ins on the ', h('a', { href: '/security', 'data-link': true, text: 'Security page' }), '.')]
    : [h('p', { class: 'status off' }, h('strong', { text: 'Off.' }),
      me.mfaRequired ? ' An organization you belong to requires it.' : ' Optional, and recommended: a stolen password alone will not get anyone in.'),
    setUp];
  add(main, 
    h('h1', { text: 'Your profile' }),
    h('dl', { class: 'facts' },
      h('dt', { text: 'Name' }), h('dd', { text: me.user.displayName }),
      h('dt', { text: 'Email' }), h('dd', { text: me.user.email })),
    h('section', { class: 'card', 'aria-labelledby': 'mfa-title' },
      h('h2', { id: 'mfa-title', text: 'Multifactor Authentication' }),
      h('p', { text: 'Sign in with a 6-digit code from an authenticator app (Google Authenticator, Microsoft '
        + 'Authenticator, Authy …) after your password.' }),
      ...mfa),
    h('section', { class: 'card', 'aria-labelledby': 'orgs-title' },
      h('h2', { id: 'orgs-title', text: 'Organizations' }),
      me.organizations.length === 0 ? h('p', { text: 'You are not a member of any organization.' })
        : h('ul', { class: 'plain' }, me.organizations.map((o) => h('li', {}, h('strong', { text: o.name }), ` · ${ROLE[o.role] || o.role}`))),
      h('p', {}, h('a', { href: '/organization', 'data-link': true, text: 'Organization settings' }))),
  );
  return undefined;
}
