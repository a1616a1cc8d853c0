// Help for a person locked out: the recovery code, and the support path when that is lost too.
import { h, add } from '../ui.js';

export function support(main) {
  const address = document.querySelector('meta[name="gatekeep-support-address"]')?.content || 'support';
  add(main, 
    h('h1', { text: 'Help and support' }),
    h('section', { class: 'card', 'aria-labelledby': 'device-title' },
      h('h2', { id: 'device-title', text: 'Lost your device, but have your recovery code' }),
      h('p', { text: 'Sign in with your email and password. On the verification page choose "Use your recovery code '
        + 'instead" and enter it. This signs you in once and turns multifactor authentication off; set it up again '
        + 'right away (if your organization requires it, you will be taken straight to the setup).' })),
    h('section', { class: 'card', 'aria-labelledby': 'lost-title' },
      h('h2', { id: 'lost-title', text: 'Lost your recovery code too' }),
      h('p', {}, 'Write to ', h('a', { href: `mailto:${address}`, id: 'support-address', text: address }),
        ' from the email address of your account, with an owner of your organization in CC. Support asks that '
        + 'owner to confirm by replying; once they do, multifactor authentication is turned off on your account and '
        + 'you both get an email.'),
      h('p', { text: 'If you get such an email and did not ask for it, use the cancel link in it: nothing will change.' })),
    h('section', { class: 'card', 'aria-labelledby': 'password-help-title' },
      h('h2', { id: 'password-help-title', text: 'Forgot your password' }),
      h('p', {}, h('a', { href: '/forgot-password', 'data-link': true, text: 'Choose a new password' }),
        ' with a link we email you. Your multifactor authentication stays on.')),
  );
}
