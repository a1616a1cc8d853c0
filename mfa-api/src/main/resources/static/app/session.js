// The signed-in state, in this module's memory only: never localStorage, sessionStorage, a cookie or the URL.
// Reloading the page signs the person out, which is the price of keeping the token where no script or disk keeps it.
const state = {
  token: null,
  kind: null, // 'full' or 'setup' (MFA enforced, not set up yet: reaches only the setup and the profile)
  challenge: null, // between the password and the second factor
  invitationToken: null, // an emailed invitation to accept once signed in
  notice: null, // one message for the next screen, e.g. why the person was signed out
};

export const session = {
  get token() { return state.token; },
  get signedIn() { return state.kind === 'full'; },
  get settingUp() { return state.kind === 'setup'; },
  get challenge() { return state.challenge; },

  signedInWith(token) { state.token = token; state.kind = 'full'; state.challenge = null; },
  setupWith(token) { state.token = token; state.kind = 'setup'; state.challenge = null; },
  challengeWith(token) { state.challenge = token; },
  clear() { state.token = null; state.kind = null; state.challenge = null; },

  keepInvitation(token) { state.invitationToken = token; },
  takeInvitation() { const token = state.invitationToken; state.invitationToken = null; return token; },
  get hasInvitation() { return state.invitationToken !== null; },

  tell(message, kind = 'info') { state.notice = { message, kind }; },
  takeNotice() { const notice = state.notice; state.notice = null; return notice; },
};
