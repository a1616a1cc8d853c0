/**
 * What the worker does to MFA state: the sweep of abandoned setup sessions, and the support reset (MFA disabled on an
 * approved support ticket). These are the only MFA writes outside mfa-api; see docs/ARCHITECTURE.md.
 */
package io.gatekeep.worker.mfa;
