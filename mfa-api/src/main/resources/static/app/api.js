// Every call the web client makes to the Gatekeep API, in one place: the API's first client, and its reference.
// Bearer tokens come from session.js (memory only). Tokens and codes travel in JSON bodies, never in a URL.
import { session } from './session.js';

/** An RFC 9457 problem answered by the API (or a network failure, code "network"). */
export class Problem extends Error {
  constructor(status, body, retryAfter) {
    super(body.detail || body.title || `HTTP ${status}`);
    this.status = status;
    this.code = body.code || 'unknown';
    this.errors = Array.isArray(body.errors) ? body.errors : [];
    this.retryAfter = retryAfter ? Number(retryAfter) : null;
  }
}

async function call(method, path, body, bearer = session.token) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let response;
  try {
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer',
    });
  } catch (e) {
    throw new Problem(0, { code: 'network', title: 'Cannot reach Gatekeep' });
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
  if (!response.ok) throw new Problem(response.status, data || {}, response.headers.get('Retry-After'));
  const result = data && typeof data === 'object' ? data : {};
  Object.defineProperty(result, 'httpStatus', { value: response.status });
  return result;
}

const org = (id) => `/api/v1/organizations/${encodeURIComponent(id)}`;
const page = (cursor) => (cursor ? `?limit=20&cursor=${encodeURIComponent(cursor)}` : '?limit=20');

export const api = {
  // accounts
  signUp: (organizationName, displayName, email, password) =>
    call('POST', '/api/v1/signup', { organizationName, displayName, email, password }, null),
  confirmSignup: (token) => call('POST', '/api/v1/signup/verify', { token }, null),
  requestPasswordReset: (email) => call('POST', '/api/v1/password-reset', { email }, null),
  confirmPasswordReset: (token, newPassword) =>
    call('POST', '/api/v1/password-reset/confirm', { token, newPassword }, null),
  me: (bearer) => call('GET', '/api/v1/me', undefined, bearer),
  changePassword: (currentPassword, newPassword) =>
    call('PUT', '/api/v1/me/password', { currentPassword, newPassword }),

  // signing in and out
  signIn: (email, password) => call('POST', '/api/v1/auth/sign-in', { email, password }, null),
  signInWithCode: (challengeToken, code) => call('POST', '/api/v1/auth/mfa', { challengeToken, code }, null),
  signInWithRecoveryCode: (challengeToken, recoveryCode) =>
    call('POST', '/api/v1/auth/mfa', { challengeToken, recoveryCode }, null),
  stepUp: (code) => call('POST', '/api/v1/auth/step-up', { code }),
  signOut: () => call('POST', '/api/v1/auth/sign-out'),

  // the account's own MFA, sessions and security log
  startSetup: () => call('POST', '/api/v1/me/mfa/setup'),
  newQrCode: () => call('POST', '/api/v1/me/mfa/setup/qr'),
  confirmSetup: (code) => call('POST', '/api/v1/me/mfa/setup/verify', { code }),
  turnMfaOff: (code) => call('DELETE', '/api/v1/me/mfa', { code }),
  sessions: () => call('GET', '/api/v1/me/sessions'),
  endSession: (id) => call('DELETE', `/api/v1/me/sessions/${encodeURIComponent(id)}`),
  endOtherSessions: () => call('DELETE', '/api/v1/me/sessions'),
  securityEvents: (cursor) => call('GET', `/api/v1/me/security-events${page(cursor)}`),
  leaveOrganization: (orgId) => call('DELETE', `/api/v1/me/organizations/${encodeURIComponent(orgId)}`),

  // invitations, answered with the emailed token
  acceptInvitationAsNewAccount: (token, password) =>
    call('POST', '/api/v1/invitations/accept', { token, password }, null),
  acceptInvitation: (token) => call('POST', '/api/v1/invitations/accept', { token }),
  declineInvitation: (token) => call('POST', '/api/v1/invitations/decline', { token }, null),

  // organization settings
  members: (orgId) => call('GET', `${org(orgId)}/members?size=200`),
  invite: (orgId, email, role) => call('POST', `${org(orgId)}/members`, { email, role }),
  changeMember: (orgId, userId, role, permissions) =>
    call('PUT', `${org(orgId)}/members/${encodeURIComponent(userId)}`, { role, permissions }),
  removeMember: (orgId, userId) => call('DELETE', `${org(orgId)}/members/${encodeURIComponent(userId)}`),
  invitations: (orgId) => call('GET', `${org(orgId)}/invitations`),
  cancelInvitation: (orgId, id) => call('DELETE', `${org(orgId)}/invitations/${encodeURIComponent(id)}`),
  enforcement: (orgId) => call('GET', `${org(orgId)}/mfa-enforcement`),
  setEnforcement: (orgId, enforced) => call('PUT', `${org(orgId)}/mfa-enforcement`, { enforced }),
  compliance: (orgId) => call('GET', `${org(orgId)}/mfa-compliance?limit=100`),
  audit: (orgId, cursor) => call('GET', `${org(orgId)}/audit${page(cursor)}`),

  // the support desk's cancel link (a pending MFA reset)
  cancelSupportReset: (token) => call('POST', '/api/v1/desk/cancellations', { token }, null),
};
