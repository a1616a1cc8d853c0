package io.gatekeep.webtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * People in the situations the browser tests start from, made through the real API (and its emails), as the local
 * stack seeds its demo organization: nothing is written to the database behind the product's back.
 */
final class Accounts {

    static final String PASSWORD = "correct horse battery staple";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final GatekeepStack stack;

    Accounts(GatekeepStack stack) {
        this.stack = stack;
    }

    /** Someone signed up: owner of a fresh organization, no MFA. */
    record Person(
            String email,
            String password,
            String organizationName,
            UUID organizationId,
            String secret,
            String recoveryCode) {
        Person withMfa(String secret, String recoveryCode) {
            return new Person(email, password, organizationName, organizationId, secret, recoveryCode);
        }
    }

    static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    Person ownerWithoutMfa() {
        String email = uniqueEmail("owner");
        String organization = "Org " + email.substring(6, 14);
        Map<String, Object> answer = call(
                "POST",
                "/api/v1/signup",
                Map.of(
                        "organizationName",
                        organization,
                        "email",
                        email,
                        "password",
                        PASSWORD,
                        "displayName",
                        "Olivia Owner"),
                null,
                202);
        assertThat(answer.get("status")).isEqualTo("VERIFICATION_PENDING");
        // the address is proven by the emailed link
        call(
                "POST",
                "/api/v1/signup/verify",
                Map.of("token", tokenOf(Mailbox.link(email, "/verify-email"))),
                null,
                200);
        String session = signIn(email);
        Map<?, ?> me = call("GET", "/api/v1/me", null, session, 200);
        Map<?, ?> org = (Map<?, ?>) ((java.util.List<?>) me.get("organizations")).get(0);
        return new Person(
                email, PASSWORD, (String) org.get("name"), UUID.fromString((String) org.get("id")), null, null);
    }

    /** An owner who set up an authenticator app; {@code secret} is what the app holds. */
    Person ownerWithMfa() {
        return withMfa(ownerWithoutMfa());
    }

    /** {@code person} sets up an authenticator app through the API; the answer knows the app's secret. */
    Person withMfa(Person owner) {
        String session = signIn(owner.email());
        Map<?, ?> setup = call("POST", "/api/v1/me/mfa/setup", null, session, 201);
        String secret = secretOf((String) setup.get("otpauthUri"));
        Map<?, ?> enabled = call(
                "POST",
                "/api/v1/me/mfa/setup/verify",
                Map.of("code", Totp.code(secret, stack.clock().instant())),
                session,
                200);
        call("POST", "/api/v1/auth/sign-out", null, session, 204);
        nextCode();
        return owner.withMfa(secret, (String) enabled.get("recoveryCode"));
    }

    /** {@code owner} invites {@code email} through the API; the invitation email goes out. */
    void invite(Person owner, String email, String role) {
        String session = signInWithCode(owner);
        call(
                "POST",
                "/api/v1/organizations/" + owner.organizationId() + "/members",
                Map.of("email", email, "role", role),
                session,
                201);
        call("POST", "/api/v1/auth/sign-out", null, session, 204);
    }

    /** A new person who accepted {@code owner}'s invitation from its email with a password: no MFA. */
    Person memberOf(Person owner, String role) {
        String email = uniqueEmail("member");
        invite(owner, email, role);
        String link = Mailbox.link(email, "/invitations/accept");
        call("POST", "/api/v1/invitations/accept", Map.of("token", tokenOf(link), "password", PASSWORD), null, 200);
        return new Person(email, PASSWORD, owner.organizationName(), owner.organizationId(), null, null);
    }

    /** The status the password step of a sign-in answers (AUTHENTICATED, MFA_REQUIRED …). */
    String passwordStep(Person person) {
        return (String) call(
                        "POST",
                        "/api/v1/auth/sign-in",
                        Map.of("email", person.email(), "password", person.password()),
                        null,
                        200)
                .get("status");
    }

    /** Moves the API's clock to the next 30-second step, so the authenticator shows a code not used yet. */
    void nextCode() {
        stack.clock().advance(Duration.ofSeconds(30));
    }

    String code(Person person) {
        return Totp.code(person.secret(), stack.clock().instant());
    }

    private String signIn(String email) {
        Map<?, ?> answer =
                call("POST", "/api/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD), null, 200);
        assertThat(answer.get("status")).isEqualTo("AUTHENTICATED");
        return (String) answer.get("sessionToken");
    }

    private String signInWithCode(Person person) {
        Map<?, ?> challenge = call(
                "POST",
                "/api/v1/auth/sign-in",
                Map.of("email", person.email(), "password", person.password()),
                null,
                200);
        if (!"MFA_REQUIRED".equals(challenge.get("status"))) {
            return (String) challenge.get("sessionToken");
        }
        nextCode();
        Map<?, ?> answer = call(
                "POST",
                "/api/v1/auth/mfa",
                Map.of("challengeToken", challenge.get("challengeToken"), "code", code(person)),
                null,
                200);
        return (String) answer.get("sessionToken");
    }

    static String secretOf(String otpauthUri) {
        Matcher secret = Pattern.compile("[?&]secret=([A-Z2-7]+)").matcher(otpauthUri);
        assertThat(secret.find()).as("secret in %s", otpauthUri).isTrue();
        return secret.group(1);
    }

    static String tokenOf(String link) {
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    private Map<String, Object> call(String method, String path, Object body, String bearer, int... expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                    .timeout(Duration.ofSeconds(20))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json");
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(expected)
                    .as("%s %s answered %s: %s", method, path, response.statusCode(), response.body())
                    .contains(response.statusCode());
            return response.body().isBlank()
                    ? Map.of()
                    : JSON.readValue(
                            response.body(), new tools.jackson.core.type.TypeReference<Map<String, Object>>() {});
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
