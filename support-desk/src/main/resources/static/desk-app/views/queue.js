// The queue: tickets in one status, oldest first, a page at a time.
import { api } from '../api.js';
import { sessionEnded } from '../main.js';
import { STATUSES, statusWords, wordsFor } from '../messages.js';
import { h, add, when } from '../ui.js';

const SIZE = 20;

const queueLink = (status, page) => `/?status=${encodeURIComponent(status)}${page ? `&page=${page}` : ''}`;

export async function queue(main, { query }) {
  const status = STATUSES.some(([value]) => value === query.get('status')) ? query.get('status') : 'NEEDS_AGENT';
  const page = Math.max(0, Number.parseInt(query.get('page') || '0', 10) || 0);
  const tabs = h('ul', { class: 'tabs' }, STATUSES.map(([value, words]) => h('li', {},
    h('a', { href: queueLink(value, 0), 'data-link': true, 'aria-current': value === status ? 'page' : null, text: words }))));
  add(main, h('h1', { text: 'Queue' }), h('nav', { 'aria-label': 'Ticket status' }, tabs));

  let answer;
  try {
    answer = await api.queue(status, page, SIZE);
  } catch (problem) {
    if (!sessionEnded(problem)) add(main, h('p', { class: 'notice error', role: 'alert', text: wordsFor(problem) }));
    return;
  }
  const heading = `${statusWords(status)}: ${answer.total} ${answer.total === 1 ? 'ticket' : 'tickets'}`;
  add(main, h('h2', { id: 'queue-title', text: heading }));
  if (answer.items.length === 0) {
    add(main, h('p', { class: 'aside', text: 'No tickets in this status.' }));
    return;
  }
  const rows = answer.items.map((item) => h('tr', {},
    h('td', {}, h('a', { href: `/tickets/${encodeURIComponent(item.id)}`, 'data-link': true, text: item.reference })),
    h('td', { text: item.requester || '(no sender)' }),
    h('td', { text: item.organization || '' }),
    h('td', { text: item.statusReason || '' }),
    h('td', { text: when(item.createdAt) }),
    h('td', { text: when(item.expiresAt) })));
  add(main, h('div', { class: 'table-wrap' }, h('table', { 'aria-labelledby': 'queue-title' },
    h('thead', {}, h('tr', {}, ['Reference', 'Requester', 'Organization', 'Why', 'Opened', 'Expires']
      .map((text) => h('th', { scope: 'col', text })))),
    h('tbody', {}, rows))));

  const pages = Math.max(1, Math.ceil(answer.total / SIZE));
  add(main, h('nav', { class: 'pager', 'aria-label': 'Pages' },
    page > 0 ? h('a', { href: queueLink(status, page - 1), 'data-link': true, text: 'Previous page' }) : null,
    h('span', { text: `Page ${page + 1} of ${pages}` }),
    page + 1 < pages ? h('a', { href: queueLink(status, page + 1), 'data-link': true, text: 'Next page' }) : null));
}
