package io.gatekeep.local;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Creates the demo organization once, through the real API and the real emails: the owner signs up and confirms the
 * address with the token from the confirmation email the worker sent, invites an admin and two members, each redeems
 * the token from their invitation email, and everyone signs in once to prove it.
 * Skipped when the demo owner can already sign in (a restart with kept data).
 */
final class DemoSeeder {

    private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(90);

    private final ApiClient api;
    private final LocalMail mail;

    DemoSeeder(ApiClient api, LocalMail mail) {
        this.api = api;
        this.mail = mail;
    }

    /** The sign-in state of each demo account after seeding, e.g. "AUTHENTICATED", in seeding order. */
    Map<DemoAccount, String> seed() throws IOException, InterruptedException {
        ApiClient.Response ownerSignIn = signIn(DemoAccount.OWNER);
        if (ownerSignIn.isSuccess()) {
            System.out.println("Demo organization already exists (kept data): not seeding again.");
            return states();
        }
        System.out.println("Seeding the demo organization through the API ...");
        ApiClient.Response signup = api.post(
                "/api/v1/signup",
                Map.of(
                        "organizationName", DemoAccount.ORGANIZATION,
                        "email", DemoAccount.OWNER.email(),
                        "password", DemoAccount.OWNER.password(),
                        "displayName", DemoAccount.OWNER.displayName()),
                null);
        if (signup.status() != 202) {
            throw new IllegalStateException("Sign-up of the demo owner failed: " + signup.describe());
        }
        String confirmation = mail.awaitLinkToken(DemoAccount.OWNER.email(), "/verify-email", MAIL_TIMEOUT)
                .orElseThrow(() -> new IllegalStateException("No confirmation email reached "
                        + DemoAccount.OWNER.email() + " within " + MAIL_TIMEOUT.toSeconds() + " s (does the owner "
                        + "exist with another password? use --fresh; is mfa-worker sending mail? see "
                        + ".gatekeep-local/logs/worker.log)"));
        ApiClient.Response confirmed = api.post("/api/v1/signup/verify", Map.of("token", confirmation), null);
        String ownerSession = sessionToken(confirmed, DemoAccount.OWNER);
        System.out.println("  " + DemoAccount.OWNER.email() + " (OWNER) signed up and confirmed the address");
        String organizationId = api.get("/api/v1/me", ownerSession)
                .text("organizations.0.id")
                .orElseThrow(() -> new IllegalStateException("The demo owner has no organization"));
        for (DemoAccount account : DemoAccount.INVITED) {
            invite(organizationId, ownerSession, account);
        }
        return states();
    }

    private void invite(String organizationId, String ownerSession, DemoAccount account)
            throws IOException, InterruptedException {
        ApiClient.Response added = api.post(
                "/api/v1/organizations/" + organizationId + "/members",
                Map.of("email", account.email(), "displayName", account.displayName(), "role", account.role()),
                ownerSession);
        if (added.status() != 201) {
            throw new IllegalStateException("Adding " + account.email() + " failed: " + added.describe());
        }
        String token = mail.awaitLinkToken(account.email(), "/invitations/accept", MAIL_TIMEOUT)
                .orElseThrow(() -> new IllegalStateException("No invitation email with a token reached "
                        + account.email() + " within " + MAIL_TIMEOUT.toSeconds() + " s (is mfa-worker sending mail?"
                        + " see .gatekeep-local/logs/worker.log)"));
        ApiClient.Response accepted =
                api.post("/api/v1/invitations/accept", Map.of("token", token, "password", account.password()), null);
        if (!accepted.isSuccess()) {
            throw new IllegalStateException(
                    "Accepting the invitation of " + account.email() + " failed: " + accepted.describe());
        }
        System.out.println("  " + account.email() + " (" + account.role() + ") invited and joined");
    }

    private Map<DemoAccount, String> states() throws IOException, InterruptedException {
        Map<DemoAccount, String> states = new LinkedHashMap<>();
        for (DemoAccount account : DemoAccount.all()) {
            ApiClient.Response response = signIn(account);
            states.put(
                    account,
                    response.isSuccess()
                            ? response.text("status").orElse("signed in")
                            : "cannot sign in (" + response.describe() + ")");
        }
        return states;
    }

    private ApiClient.Response signIn(DemoAccount account) throws IOException, InterruptedException {
        return api.post("/api/v1/auth/sign-in", Map.of("email", account.email(), "password", account.password()), null);
    }

    private static String sessionToken(ApiClient.Response signIn, DemoAccount account) {
        Optional<String> token = signIn.isSuccess() ? signIn.text("sessionToken") : Optional.empty();
        return token.orElseThrow(() -> new IllegalStateException(
                "Sign-in of " + account.email() + " gave no session token: " + signIn.describe()));
    }
}
