// The agents' desk: plain ES modules served by the support desk itself (same origin as its API, no build step).
// Client-side routes over real paths (the desk answers the same page for each): /sign-in, / (the queue, with
// ?status=&page=) and /tickets/{id}.
import { session } from './session.js';
import { api } from './api.js';
import { h } from './ui.js';
import { signIn } from './views/sign-in.js';
import { queue } from './views/queue.js';
import { ticket } from './views/ticket.js';

const TICKET = /^\/tickets\/([0-9a-fA-F-]{36})$/;
let generation = 0;

export function navigate(path, { replace = false } = {}) {
  history[replace ? 'replaceState' : 'pushState']({}, '', path);
  return render();
}

/** Forgets the token and shows the sign-in page with the reason. */
export function signedOut(reason, kind = 'info') {
  session.clear();
  if (reason) session.tell(reason, kind);
  return navigate('/sign-in');
}

/** For a failed call on a signed-in screen: true when the session had ended (the agent is now signed out). */
export function sessionEnded(problem) {
  if (problem.code !== 'unauthorized') return false;
  signedOut('Your session has ended. Sign in again.');
  return true;
}

function navigation() {
  if (!session.signedIn) return [];
  const signOut = h('button', { type: 'button', class: 'link-button', text: 'Sign out' });
  signOut.addEventListener('click', async () => {
    try { await api.signOut(); } catch (e) { /* the token is forgotten here either way */ }
    signedOut('You are signed out.');
  });
  return [
    h('a', { href: '/', 'data-link': true, 'aria-current': location.pathname === '/' ? 'page' : null, text: 'Queue' }),
    h('span', { text: `Signed in as ${session.username}` }),
    signOut,
  ];
}

function screenFor(path) {
  if (path === '/sign-in') return { title: 'Sign in', view: signIn, open: true };
  if (path === '/') return { title: 'Queue', view: queue };
  const match = TICKET.exec(path);
  if (match) return { title: 'Ticket', view: (main, context) => ticket(main, { ...context, id: match[1] }) };
  return null;
}

export async function render() {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const screen = screenFor(path);
  if (!screen) return navigate('/', { replace: true });
  if (!screen.open && !session.signedIn) return signedOut(null);
  if (screen.open && session.signedIn) return navigate('/', { replace: true });

  document.getElementById('nav').replaceChildren(...navigation());
  const main = document.getElementById('main');
  main.replaceChildren();
  document.title = `${screen.title} · Gatekeep support desk`;
  const notice = session.takeNotice();
  if (notice) main.append(h('p', { class: `notice ${notice.kind}`, role: 'status', text: notice.message }));
  const content = h('div', { class: 'screen' });
  main.append(content);
  const mine = ++generation;
  await screen.view(content, { query: new URLSearchParams(location.search) });
  if (mine !== generation) return undefined;
  const first = content.querySelector('[autofocus]') || content.querySelector('h1');
  if (first) {
    if (first.tagName === 'H1') first.setAttribute('tabindex', '-1');
    first.focus();
  }
  return undefined;
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-link]');
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  navigate(link.getAttribute('href'));
});
window.addEventListener('popstate', () => render());
render();
