package io.gatekeep.api.enforcement;

import io.gatekeep.api.ApiIntegrationTest;
import io.gatekeep.api.accounts.PasswordHasher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Enforcement benchmark (not part of the suite: the name matches no surefire pattern). Run with
 * {@code mvn -B -q -pl mfa-schema,mfa-api verify -Dtest=EnforcementBench -Dsurefire.failIfNoSpecifiedTests=false}.
 * Seeds an organization of 100,000 members (half with MFA) and prints toggle and sign-in latencies.
 */
class EnforcementBench extends ApiIntegrationTest {

    private static final int MEMBERS = 100_000;

    @Autowired
    PasswordHasher hasher;

    @Autowired
    MfaRequirement requirement;

    @Test
    void measure() {
        Account big = signedUpOwner();
        Account small = signedUpOwner();
        MfaEnforcementIntegrationTest.enableMfa(
                jdbc, big.userId(), clock.instant().minusSeconds(86_400));
        jdbc.update(
                "update auth_session set mfa_verified = true, mfa_verified_at = now(), via_recovery_code = false "
                        + "where user_id = ?",
                big.userId());
        long seeding = System.nanoTime();
        seed(big.organizationId(), MEMBERS, "big");
        seed(small.organizationId(), 9, "small");
        jdbc.execute("analyze");
        System.out.printf("BENCH seeded %d members in %d ms%n", MEMBERS, (System.nanoTime() - seeding) / 1_000_000);

        MfaEnforcementIntegrationTest.enableMfa(
                jdbc, small.userId(), clock.instant().minusSeconds(86_400));
        jdbc.update(
                "update auth_session set mfa_verified = true, mfa_verified_at = now(), via_recovery_code = false "
                        + "where user_id = ?",
                small.userId());
        // An admin without MFA reads the compliance view at the end (a password sign-in of the owner asks for MFA).
        Account admin = member(big, "ADMIN");
        // Interleaved, so both organizations see the same machine load.
        List<Long> bigToggles = new ArrayList<>();
        List<Long> smallToggles = new ArrayList<>();
        List<Long> reads = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            bigToggles.add(toggleNanos(big, i % 2 == 0));
            smallToggles.add(toggleNanos(small, i % 2 == 0));
            long start = System.nanoTime();
            web.get()
                    .uri("/api/v1/organizations/{org}/mfa-enforcement", big.organizationId())
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + big.token())
                    .exchange()
                    .expectStatus()
                    .isOk();
            reads.add(System.nanoTime() - start);
        }
        report("toggle, 100k-member org (HTTP PUT, alternating on/off)", bigToggles.subList(50, 400));
        report("toggle, 10-member org (same)", smallToggles.subList(50, 400));
        report("baseline: GET mfa-enforcement (membership + one row)", reads.subList(50, 400));

        String bigMember = jdbc.queryForObject(
                "select u.email from membership m join app_user u on u.id = m.user_id "
                        + "where m.organization_id = ? and u.email like 'big-1-%'",
                String.class, big.organizationId());
        String smallMember = jdbc.queryForObject(
                "select u.email from membership m join app_user u on u.id = m.user_id "
                        + "where m.organization_id = ? and u.email like 'small-1-%'",
                String.class, small.organizationId());
        UUID bigId = jdbc.queryForObject("select id from app_user where email = ?", UUID.class, bigMember);
        UUID smallId = jdbc.queryForObject("select id from app_user where email = ?", UUID.class, smallMember);
        for (String label : List.of("warm-up", "measured")) {
            List<Long> bigSignIns = new ArrayList<>();
            List<Long> smallSignIns = new ArrayList<>();
            List<Long> bigRequirement = new ArrayList<>();
            List<Long> smallRequirement = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                smallSignIns.add(signInNanos(smallMember));
                bigSignIns.add(signInNanos(bigMember));
                smallRequirement.add(requirementNanos(smallId));
                bigRequirement.add(requirementNanos(bigId));
                // sign-in is rate limited per account and IP: move past the window
                clock.advance(minutes(2));
            }
            if (label.equals("measured")) {
                report("sign-in, member of 100k org", bigSignIns);
                report("sign-in, member of 10-member org", smallSignIns);
                report("MfaRequirement.isRequiredFor, member of 100k org", bigRequirement);
                report("MfaRequirement.isRequiredFor, member of 10-member org", smallRequirement);
            }
        }
        // The sign-in loop moved the clock past every earlier session's lifetime: sign in afresh.
        String token = signIn(admin.email(), admin.password());
        List<Long> compliance = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long start = System.nanoTime();
            web.get()
                    .uri("/api/v1/organizations/{org}/mfa-compliance?limit=100", big.organizationId())
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus()
                    .isOk();
            compliance.add(System.nanoTime() - start);
        }
        report("compliance view (counts + first page of 100), 100k org", compliance.subList(5, compliance.size()));
    }

    private long toggleNanos(Account owner, boolean enforced) {
        long start = System.nanoTime();
        web.put()
                .uri("/api/v1/organizations/{org}/mfa-enforcement", owner.organizationId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("enforced", enforced))
                .exchange()
                .expectStatus()
                .isOk();
        return System.nanoTime() - start;
    }

    private long signInNanos(String email) {
        long start = System.nanoTime();
        post("/api/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isOk();
        return System.nanoTime() - start;
    }

    private long requirementNanos(UUID userId) {
        long start = System.nanoTime();
        requirement.isRequiredFor(userId).block();
        return System.nanoTime() - start;
    }

    /** Members with the test password; every other one with an active credential. */
    private void seed(UUID organizationId, int count, String prefix) {
        String hash = hasher.hashBlocking(PASSWORD);
        jdbc.update("""
                insert into app_user (id, email, display_name, password_hash, status, created_at)
                select gen_random_uuid(), ? || '-' || g || '-' || substr(md5(random()::text), 1, 8) || '@bench.test',
                       'Bench ' || g, ?, 'ACTIVE', now()
                from generate_series(1, ?) g""", prefix, hash, count);
        jdbc.update("""
                insert into membership (organization_id, user_id, role, created_at, role_since)
                select ?, id, 'MEMBER', now(), now() from app_user where email like ? || '-%@bench.test'""", organizationId, prefix);
        jdbc.update("""
                insert into mfa_credential (id, user_id, secret_key_id, secret_nonce, secret_ciphertext, created_at,
                                            enabled_at)
                select gen_random_uuid(), m.user_id, 'bench', '\\x00'::bytea, '\\x00'::bytea, now(), now()
                from membership m join app_user u on u.id = m.user_id
                where m.organization_id = ? and u.email like ? || '-%' and (hashtext(u.email) & 1) = 0""", organizationId, prefix);
    }

    private static void report(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf(
                "BENCH %-60s n=%d p50=%.2f ms p95=%.2f ms p99=%.2f ms max=%.2f ms%n",
                what,
                sorted.size(),
                ms(sorted, 0.50),
                ms(sorted, 0.95),
                ms(sorted, 0.99),
                sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }
}
