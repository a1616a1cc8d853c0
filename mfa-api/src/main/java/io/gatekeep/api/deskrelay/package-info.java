/**
 * The one support-desk call a person makes from the web client: cancelling an approved MFA reset from the notice's
 * link. The page lives on the API's origin (strict same-origin policy), the decision in the support desk; this
 * package carries the request between them unchanged.
 */
package io.gatekeep.api.deskrelay;
