// The agent's session, in this module's memory only: never localStorage, sessionStorage, a cookie or the URL.
// Reloading the page signs the agent out, the price of keeping the bearer token where no other script or disk has it.
const state = { token: null, username: null, notice: null };

export const session = {
  get token() { return state.token; },
  get username() { return state.username; },
  get signedIn() { return state.token !== null; },
  signedInWith(token, username) { state.token = token; state.username = username; },
  clear() { state.token = null; state.username = null; },
  tell(message, kind = 'info') { state.notice = { message, kind }; },
  takeNotice() { const notice = state.notice; state.notice = null; return notice; },
};
