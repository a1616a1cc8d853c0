// Every call the desk UI makes to the agents' API (desk-api.yaml), in one place. The bearer token comes from
// session.js (memory only); it travels in the Authorization header, never in a URL.
import { session } from './session.js';

/** An RFC 9457 problem answered by the desk (or a network failure, code "network"). */
export class Problem extends Error {
  constructor(status, body, retryAfter) {
    super(body.detail || body.title || `HTTP ${status}`);
    this.status = status;
    this.code = body.code || 'unknown';
    this.retryAfter = retryAfter ? Number(retryAfter) : null;
  }
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  let response;
  try {
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer',
    });
  } catch (e) {
    throw new Problem(0, { code: 'network', title: 'Cannot reach the desk' });
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
  if (!response.ok) throw new Problem(response.status, data || {}, response.headers.get('Retry-After'));
  return data && typeof data === 'object' ? data : {};
}

const ticket = (id) => `/api/v1/desk/tickets/${encodeURIComponent(id)}`;

export const api = {
  signIn: (username, password, code) => call('POST', '/api/v1/desk/sign-in', { username, password, code }),
  signOut: () => call('POST', '/api/v1/desk/sign-out'),
  queue: (status, page, size = 20) => call('GET',
    `/api/v1/desk/tickets?status=${encodeURIComponent(status)}&page=${Number(page)}&size=${Number(size)}`),
  ticket: (id) => call('GET', ticket(id)),
  approve: (id, justification) => call('POST', `${ticket(id)}/approve`, { justification }),
  deny: (id, text) => call('POST', `${ticket(id)}/deny`, { text }),
  escalate: (id, text) => call('POST', `${ticket(id)}/escalate`, { text }),
  note: (id, text) => call('POST', `${ticket(id)}/notes`, { text }),
};
