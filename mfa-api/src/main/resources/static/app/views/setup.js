// Setting up an authenticator app: the QR code (valid 60 s, then "Expired: show a new code"), the manual key, the
// code that confirms it, and the recovery code shown once. The page times out with the setup session (3 minutes)
// and sends the person back to sign in. Deadlines are the API's instants read against this device's clock: the
// server decides (a late code gets 410 qr_expired, a late page 401 setup_session_expired), the page only mirrors it.
import { api } from '../api.js';
import { session } from '../session.js';
import { navigate, signedOut, sessionEnded } from '../router.js';
import { wordsFor } from '../messages.js';
import { h, field, messageLine, showProblem, onSubmit, clockText, copy, add, fill } from '../ui.js';
import { afterSignIn } from './signed-in.js';

const TIMED_OUT = 'The setup page timed out: the QR code and the setup are only valid for a few minutes, and no '
  + 'code was confirmed within 3 minutes. Sign in again to start over.';

async function enforcingOrganizations() {
  try {
    const me = await api.me();
    return me.organizations.map((o) => o.name);
  } catch (e) {
    return [];
  }
}

function forcedSentence(names) {
  if (names.length === 1) return `${names[0]} requires multifactor authentication. Set it up now to continue.`;
  if (names.length > 1) return `One of your organizations (${names.join(', ')}) requires multifactor authentication. Set it up now to continue.`;
  return 'Your organization requires multifactor authentication. Set it up now to continue.';
}

export async function setup(main) {
  const forced = session.settingUp;
  const names = forced ? await enforcingOrganizations() : [];
  let material;
  try {
    material = await api.startSetup();
  } catch (problem) {
    if (sessionEnded(problem)) return undefined;
    if (problem.code === 'mfa_already_enabled') {
      session.tell('Multifactor authentication is already on for your account.');
      navigate('/profile', { replace: true });
      return undefined;
    }
    add(main, h('h1', { text: 'Set up multifactor authentication' }), h('p', { class: 'notice error', role: 'alert', text: wordsFor(problem) }));
    return undefined;
  }

  const setupDeadline = Date.parse(material.setupExpiresAt);
  let qrDeadline = Date.parse(material.qrExpiresAt);
  let interval = null;
  const stop = () => { if (interval) clearInterval(interval); interval = null; };

  // shown at the PNG's own 256 px, so that every module is the same whole number of screen pixels (a scaled code
  // has modules of two widths, which cameras and readers may fail on)
  const qr = h('img', { class: 'qr', alt: 'QR code for your authenticator app', width: 256, height: 256, src: material.qrCodePng });
  const countdown = h('p', { class: 'countdown', id: 'qr-countdown' });
  const refresh = h('button', { type: 'button', class: 'primary', text: 'Expired: show a new code' });
  const expired = h('div', { class: 'qr-expired', hidden: true }, h('p', { text: 'This QR code has expired.' }), refresh);
  const key = h('code', { class: 'manual-key', id: 'manual-key', text: material.manualEntryKey });
  const copied = h('span', { class: 'hint', role: 'status' });
  const copyKey = h('button', { type: 'button', class: 'secondary', text: 'Copy key' });
  copyKey.addEventListener('click', () => copy(key.textContent.replace(/\s+/g, ''), copied));
  const pageTimer = h('p', { class: 'page-timer', id: 'page-timer' });

  const code = field({ label: '6-digit code from the app', name: 'code', autocomplete: 'one-time-code', inputmode: 'numeric', pattern: '[0-9 ]*', maxlength: 7, required: true });
  const message = messageLine();
  const form = h('form', { novalidate: true, 'aria-label': 'Confirm the setup' },
    code.wrap, message.element, h('button', { type: 'submit', class: 'primary', text: 'Verify' }));

  const timeOut = async () => {
    stop();
    if (session.signedIn) { try { await api.signOut(); } catch (e) { /* signed out here either way */ } }
    signedOut(TIMED_OUT, 'warning');
  };
  const showExpired = () => {
    if (!expired.hidden) return;
    qr.hidden = true;
    expired.hidden = false;
    countdown.textContent = 'The QR code has expired.';
  };
  const tick = () => {
    const now = Date.now();
    if (now >= setupDeadline) { timeOut(); return; }
    pageTimer.textContent = `This page times out in ${clockText(setupDeadline - now)}.`;
    if (now >= qrDeadline) showExpired();
    else countdown.textContent = `The QR code is valid for ${clockText(qrDeadline - now)}.`;
  };

  refresh.addEventListener('click', async () => {
    refresh.disabled = true;
    try {
      const fresh = await api.newQrCode();
      qr.src = fresh.qrCodePng;
      // show the new code only once it is painted, never a blank box or the old code for a moment
      try { await qr.decode(); } catch (e) { /* a broken image still shows its alternative text */ }
      key.textContent = fresh.manualEntryKey;
      qrDeadline = Date.parse(fresh.qrExpiresAt);
      qr.hidden = false;
      expired.hidden = true;
      code.clearError();
      tick();
      code.input.focus();
    } catch (problem) {
      if (problem.code === 'setup_session_expired') timeOut();
      else if (!sessionEnded(problem)) message.show(wordsFor(problem));
    } finally {
      refresh.disabled = false;
    }
  });

  onSubmit(form, async () => {
    const value = code.value.replace(/\s+/g, '');
    if (!/^[0-9]{6}$/.test(value)) { code.showError('Enter the 6 digits your app shows.'); code.input.focus(); return; }
    try {
      const answer = await api.confirmSetup(value);
      stop();
      if (answer.sessionToken) session.signedInWith(answer.sessionToken);
      showRecoveryCode(main, answer.recoveryCode, forced);
    } catch (problem) {
      if (problem.code === 'setup_session_expired') { timeOut(); return; }
      if (problem.code === 'qr_expired') showExpired();
      if (problem.code === 'unauthenticated') { stop(); sessionEnded(problem); return; }
      showProblem(problem, { fields: { code }, message, byCode: { invalid_code: code, code_already_used: code, qr_expired: code } });
    }
  });

  const cancel = forced ? null : h('a', { href: '/profile', 'data-link': true, text: 'Cancel' });
  add(main, 
    h('h1', { text: 'Set up multifactor authentication' }),
    forced ? h('p', { class: 'notice warning', id: 'enforced-by', text: forcedSentence(names) }) : null,
    pageTimer,
    h('ol', { class: 'steps' },
      h('li', {},
        h('h2', { text: 'Scan the QR code' }),
        h('p', { text: 'Open your authenticator app (Google Authenticator, Microsoft Authenticator, Authy …), add an '
          + 'account and scan this code.' }),
        h('div', { class: 'qr-box' }, qr, expired), countdown,
        h('details', {}, h('summary', { text: 'Cannot scan? Enter a key instead' }),
          h('p', { text: 'Choose "enter a setup key" in the app, name it Gatekeep and type this key (time based):' }),
          h('p', {}, key, ' ', copyKey, ' ', copied))),
      h('li', {},
        h('h2', { text: 'Enter the code the app shows' }),
        form)),
    cancel ? h('p', { class: 'aside' }, cancel) : null,
  );
  tick();
  interval = setInterval(tick, 250);
  return stop;
}

function showRecoveryCode(main, recoveryCode, forced) {
  let code = recoveryCode;
  const status = h('span', { class: 'hint', role: 'status' });
  const copyButton = h('button', { type: 'button', class: 'secondary', text: 'Copy' });
  copyButton.addEventListener('click', () => copy(code, status));
  const download = h('button', { type: 'button', class: 'secondary', text: 'Download' });
  download.addEventListener('click', () => {
    const text = `Gatekeep recovery code\n\n${code}\n\nUse it once, on the verification page, if you lose your `
      + 'authenticator. Using it turns multifactor authentication off until you set it up again.\n';
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = h('a', { href: url, download: 'gatekeep-recovery-code.txt' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    status.textContent = 'Downloaded.';
  });
  const saved = h('input', { type: 'checkbox', id: 'saved-it' });
  const next = h('button', { type: 'button', class: 'primary', text: 'Continue', disabled: true });
  saved.addEventListener('change', () => { next.disabled = !saved.checked; });
  next.addEventListener('click', () => {
    code = null; // shown once: gone from this page's memory as soon as the person moves on
    fill(main, );
    session.tell('Multifactor authentication is on. Next time you sign in, enter the code from your app.', 'success');
    if (forced) afterSignIn(); else navigate('/profile');
  });
  fill(main, 
    h('h1', { text: 'Save your recovery code', tabindex: '-1' }),
    h('p', { class: 'notice success', role: 'status', text: 'Multifactor authentication is on.' }),
    h('p', { text: 'If you lose your device, this code lets you sign in once (which turns multifactor '
      + 'authentication off). It is shown only now: keep it somewhere safe, such as a password manager.' }),
    h('p', { class: 'recovery-code' }, h('code', { id: 'recovery-code', text: code })),
    h('p', { class: 'actions' }, copyButton, download, status),
    h('div', { class: 'check' }, saved, h('label', { for: 'saved-it', text: 'I have saved it' })),
    next);
  main.querySelector('h1').focus();
}
