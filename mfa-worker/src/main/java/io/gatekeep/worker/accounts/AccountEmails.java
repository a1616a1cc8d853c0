package io.gatekeep.worker.accounts;

import io.gatekeep.events.account.PasswordChanged;
import io.gatekeep.worker.mail.EmailText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The texts of the account emails. Names someone typed appear quoted ({@link EmailText#quoted}), never as links. */
final class AccountEmails {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern(
                    "d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private AccountEmails() {}

    static final String CONFIRMATION_SUBJECT = "Confirm your email address for Gatekeep";
    static final String ALREADY_REGISTERED_SUBJECT = "You already have a Gatekeep account";
    static final String RESET_SUBJECT = "Reset your Gatekeep password";
    static final String CHANGED_SUBJECT = "Your Gatekeep password was changed";

    static String confirmation(
            String displayName, String organizationName, String token, Instant expiresAt, String baseUrl) {
        return """
                Hello %s,

                Someone (hopefully you) signed up for Gatekeep with this address, to create the organization %s.
                To confirm that this address is yours and finish signing up, open:

                  %s/verify-email?token=%s

                Or with any HTTP client:

                  POST %s/api/v1/signup/verify
                  Content-Type: application/json

                  {"token": "%s"}

                The link is valid until %s and works once. If you did not sign up, ignore this email: nothing is
                created and nobody can sign in with this address unless the link is opened.

                -- Gatekeep
                """.formatted(
                        EmailText.quoted(displayName),
                        EmailText.quoted(organizationName),
                        baseUrl,
                        encode(token),
                        baseUrl,
                        token,
                        TIME.format(expiresAt));
    }

    static String alreadyRegistered(String displayName, String baseUrl) {
        return """
                Hello %s,

                Someone (hopefully you) tried to sign up for Gatekeep with this address, but it already has an
                account. Nothing was created and nothing changed.

                To sign in, use your existing password: POST %s/api/v1/auth/sign-in
                If you forgot it, ask for a reset link: POST %s/api/v1/password-reset with {"email": "<this address>"}

                If this was not you, you can ignore this email.

                -- Gatekeep
                """.formatted(EmailText.quoted(displayName), baseUrl, baseUrl);
    }

    static String reset(String displayName, String token, Instant expiresAt, String baseUrl) {
        return """
                Hello %s,

                Someone (hopefully you) asked to reset the password of your Gatekeep account. To choose a new
                password, open:

                  %s/reset-password?token=%s

                Or with any HTTP client:

                  POST %s/api/v1/password-reset/confirm
                  Content-Type: application/json

                  {"token": "%s", "newPassword": "<your new password>"}

                The link is valid until %s and works once. Resetting ends every session of your account; if you
                use two-step verification (MFA), it stays on. If you did not ask for this, ignore this email: your
                password stays as it is.

                -- Gatekeep
                """.formatted(
                        EmailText.quoted(displayName), baseUrl, encode(token), baseUrl, token, TIME.format(expiresAt));
    }

    static String passwordChanged(
            String displayName, PasswordChanged.Via via, Instant at, String clientIp, String baseUrl) {
        String how = via == PasswordChanged.Via.RESET
                ? "with a password reset link. Every session of your account was ended."
                : "by a signed-in session of your account. Your other sessions were ended.";
        return """
                Hello %s,

                The password of your Gatekeep account was changed on %s%s, %s

                If this was you, there is nothing to do. If it was not, reset your password at once
                (POST %s/api/v1/password-reset with {"email": "<this address>"}) and contact support.

                -- Gatekeep
                """.formatted(
                        EmailText.quoted(displayName),
                        TIME.format(at),
                        clientIp == null ? "" : " from " + EmailText.quoted(clientIp),
                        how,
                        baseUrl);
    }

    private static String encode(String token) {
        return URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
