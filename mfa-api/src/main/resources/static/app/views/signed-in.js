// Where a person goes once signed in: an invitation they opened first is accepted now, then the profile.
import { api } from '../api.js';
import { session } from '../session.js';
import { navigate } from '../router.js';
import { wordsFor } from '../messages.js';

/** Handles every successful sign-in step answer (AUTHENTICATED, MFA_REQUIRED, MFA_SETUP_REQUIRED). */
export async function continueSignIn(answer) {
  if (answer.status === 'MFA_REQUIRED') {
    session.challengeWith(answer.challengeToken);
    return navigate('/sign-in/verification');
  }
  if (answer.status === 'MFA_SETUP_REQUIRED') {
    session.setupWith(answer.setupToken);
    return navigate('/setup');
  }
  session.signedInWith(answer.sessionToken);
  if (answer.mfaDisabled) {
    session.tell('You signed in with your recovery code, so multifactor authentication is now off and the code '
      + 'is used up. Set it up again to protect your account.', 'warning');
  }
  return afterSignIn();
}

export async function afterSignIn() {
  if (session.hasInvitation) {
    try {
      await api.acceptInvitation(session.takeInvitation());
      session.tell('You accepted the invitation: the organization is listed below.', 'success');
    } catch (problem) {
      session.tell(`The invitation was not accepted: ${wordsFor(problem)}`, 'error');
    }
  }
  return navigate('/profile');
}
