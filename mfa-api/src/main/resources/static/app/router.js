// Client-side routing over real paths (the server answers the same page for each), so emailed links, the back button
// and bookmarks work. A screen is a function (main, context) → optional cleanup (stops its timers).
import { session } from './session.js';
import { h } from './ui.js';
import { api } from './api.js';

const routes = new Map();
let cleanup = null;
let generation = 0;

/** access: 'public', 'full' (a signed-in session) or 'setup' (a full session or a setup token) */
export function route(path, title, view, access = 'public') {
  routes.set(path, { title, view, access });
}

export function navigate(path, { replace = false } = {}) {
  history[replace ? 'replaceState' : 'pushState']({}, '', path);
  return render();
}

/** Ends the signed-in state and shows the sign-in page with the reason. */
export function signedOut(reason, kind = 'info') {
  session.clear();
  if (reason) session.tell(reason, kind);
  return navigate('/sign-in');
}

/** For a failed call on a signed-in screen: true when it was an ended session (and the person is now signed out). */
export function sessionEnded(problem) {
  if (problem.code !== 'unauthenticated' && problem.code !== 'setup_session_expired') return false;
  signedOut(problem.code === 'setup_session_expired'
    ? 'The setup timed out after 3 minutes. Sign in again to start over.'
    : 'Your session has ended. Sign in again.');
  return true;
}

function navigation() {
  const link = (path, text) => h('a', { href: path, 'data-link': true, 'aria-current': location.pathname === path ? 'page' : null, text });
  if (session.signedIn) {
    const signOut = h('button', { type: 'button', class: 'link-button', text: 'Sign out' });
    signOut.addEventListener('click', async () => {
      try { await api.signOut(); } catch (e) { /* the session is forgotten here either way */ }
      signedOut('You are signed out.');
    });
    return [link('/profile', 'Profile'), link('/organization', 'Organization'), link('/security', 'Security'), signOut];
  }
  if (session.settingUp) return [];
  return [link('/sign-in', 'Sign in'), link('/sign-up', 'Create account')];
}

export async function render() {
  if (cleanup) { cleanup(); cleanup = null; }
  const path = location.pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return navigate(session.signedIn ? '/profile' : '/sign-in', { replace: true });
  const target = routes.get(path);
  if (!target) return navigate('/', { replace: true });
  if (target.access === 'full' && !session.signedIn) return signedOut('Sign in to continue.');
  if (target.access === 'setup' && !session.signedIn && !session.settingUp) return signedOut('Sign in to continue.');

  document.getElementById('nav').replaceChildren(...navigation());
  const main = document.getElementById('main');
  main.replaceChildren();
  document.title = `${target.title} · Gatekeep`;
  const notice = session.takeNotice();
  const content = h('div', { class: 'screen' });
  if (notice) main.append(h('p', { class: `notice ${notice.kind}`, role: 'status', text: notice.message }));
  main.append(content);
  const query = new URLSearchParams(location.search);
  const mine = ++generation;
  const stop = await target.view(content, { query });
  if (mine !== generation) { // the screen sent the person elsewhere meanwhile
    if (stop) stop();
    return undefined;
  }
  cleanup = stop || null;
  const first = content.querySelector('[autofocus]') || content.querySelector('h1');
  if (first) {
    if (first.tagName === 'H1') first.setAttribute('tabindex', '-1');
    first.focus();
  }
}

/** Emailed links carry a one-time token in the URL: read it, then take it out of the address bar and history. */
export function takeTokenFromUrl(query) {
  const token = query.get('token');
  history.replaceState({}, '', location.pathname);
  return token && token.trim() ? token.trim() : null;
}

export function start() {
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-link]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(link.getAttribute('href'));
  });
  window.addEventListener('popstate', () => render());
  render();
}
