/**
 * RFC 8601 {@code Authentication-Results} parsing and the policy deciding whether a sender's domain was authenticated
 * by the one mail server the desk trusts.
 */
package io.gatekeep.desk.intake.authresults;
