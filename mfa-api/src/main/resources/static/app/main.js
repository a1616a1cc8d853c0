// The Gatekeep web client: plain ES modules served by the API itself (same origin, no build step).
import { route, start } from './router.js';
import * as account from './views/account.js';
import * as signIn from './views/sign-in.js';
import * as links from './views/emailed-links.js';
import * as profile from './views/profile.js';
import * as setup from './views/setup.js';
import * as organization from './views/organization.js';
import * as security from './views/security.js';
import * as support from './views/support.js';

route('/sign-in', 'Sign in', signIn.signIn);
route('/sign-in/verification', 'Verification', signIn.verification);
route('/sign-up', 'Create an account', account.signUp);
route('/check-email', 'Check your email', account.checkEmail);
route('/forgot-password', 'Forgot password', account.forgotPassword);
route('/verify-email', 'Confirm your address', links.verifyEmail);
route('/reset-password', 'Choose a new password', links.resetPassword);
route('/invitations/accept', 'Invitation', links.invitation);
route('/desk/cancel', 'Cancel the MFA reset', links.cancelReset);
route('/support', 'Help and support', support.support);
route('/profile', 'Profile', profile.profile, 'full');
route('/setup', 'Set up multifactor authentication', setup.setup, 'setup');
route('/organization', 'Organization settings', organization.organization, 'full');
route('/security', 'Security', security.security, 'full');

start();
