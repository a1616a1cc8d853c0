package io.gatekeep.desk.intake.authresults;

import io.gatekeep.desk.intake.InboundMessage;
import io.gatekeep.desk.intake.authresults.SenderVerdict.Authenticated;
import io.gatekeep.desk.intake.authresults.SenderVerdict.NotAuthenticated;
import io.gatekeep.desk.intake.authresults.SenderVerdict.Reason;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides whether a message's sender domain was authenticated by the mail server the desk trusts.
 *
 * <p>Only headers whose authserv-id is the trusted one count: anything else was written by someone we cannot check,
 * possibly the sender. Of those, the topmost is evaluated, because the receiving server adds its header above
 * everything the message already carried; a forged copy below it cannot replace it. A pass is accepted when:
 *
 * <ul>
 *   <li>{@code dmarc=pass} with {@code header.from} equal to the expected domain (a DMARC result without
 *       {@code header.from} does not say which domain passed and is not accepted), or
 *   <li>{@code dkim=pass} with {@code header.d} (or, without it, the domain of {@code header.i}) aligned: equal to the
 *       expected domain or a parent of it ({@code acme.example} for {@code eu.acme.example}). A valid signature for a
 *       domain proves control of that domain's DNS, which controls its subdomains too, so this holds without a
 *       public-suffix list; a signature by a subdomain of the sender's domain is not accepted (subdomains are often
 *       delegated to mailing services);
 * </ul>
 *
 * and no {@code dmarc=fail} for the domain appears in the topmost header (a fail there is final) or in any other
 * header claiming the trusted id (that is a conflict: somebody forged one of them).
 */
public final class SenderAuthentication {

    private final String trustedAuthservId;

    public SenderAuthentication(String trustedAuthservId) {
        this.trustedAuthservId = Objects.requireNonNull(trustedAuthservId, "trustedAuthservId")
                .strip()
                .toLowerCase(Locale.ROOT);
        if (this.trustedAuthservId.isEmpty()) {
            throw new IllegalArgumentException("a trusted authserv-id is required");
        }
    }

    public SenderVerdict evaluate(InboundMessage message, String expectedSenderDomain) {
        return evaluate(message.authenticationResults(), expectedSenderDomain);
    }

    /**
     * @param headerValues every Authentication-Results value of the message, topmost first
     * @param expectedSenderDomain the domain the sender must have been authenticated for: the domain of the
     *     registered address the reply must come from
     */
    public SenderVerdict evaluate(List<String> headerValues, String expectedSenderDomain) {
        String domain = normaliseDomain(expectedSenderDomain);
        if (domain.isEmpty()) {
            return new NotAuthenticated(Reason.NOT_ALIGNED, "no expected sender domain");
        }
        List<AuthenticationResults> trusted = AuthenticationResults.parseAll(headerValues).stream()
                .filter(results -> results.authservId().equals(trustedAuthservId))
                .toList();
        if (trusted.isEmpty()) {
            return new NotAuthenticated(
                    Reason.NO_TRUSTED_RESULTS, "no Authentication-Results from " + trustedAuthservId);
        }
        SenderVerdict verdict = evaluateOne(trusted.get(0), domain);
        if (verdict.authenticated() && trusted.stream().skip(1).anyMatch(results -> dmarcFailed(results, domain))) {
            return new NotAuthenticated(
                    Reason.CONFLICTING_RESULTS,
                    "another Authentication-Results from " + trustedAuthservId + " reports dmarc=fail");
        }
        return verdict;
    }

    private static SenderVerdict evaluateOne(AuthenticationResults results, String domain) {
        Optional<MethodResult> dmarcPass = results.results("dmarc").stream()
                .filter(MethodResult::passed)
                .filter(dmarc -> dmarc.property("header.from")
                        .map(SenderAuthentication::normaliseDomain)
                        .filter(domain::equals)
                        .isPresent())
                .findFirst();
        if (dmarcFailed(results, domain)) {
            return new NotAuthenticated(Reason.DMARC_FAILED, "dmarc=fail for " + domain);
        }
        if (dmarcPass.isPresent()) {
            return new Authenticated("dmarc", "dmarc=pass header.from=" + domain);
        }
        Optional<String> alignedDkim = results.results("dkim").stream()
                .filter(MethodResult::passed)
                .map(SenderAuthentication::signingDomain)
                .flatMap(Optional::stream)
                .filter(signer -> aligned(signer, domain))
                .findFirst();
        if (alignedDkim.isPresent()) {
            return new Authenticated("dkim", "dkim=pass header.d=" + alignedDkim.get());
        }
        return new NotAuthenticated(
                Reason.NOT_ALIGNED,
                "no dmarc=pass or aligned dkim=pass for " + domain + "; found: "
                        + results.results().stream()
                                .map(r -> r.method() + "=" + r.result())
                                .collect(Collectors.joining(", ")));
    }

    /** A DMARC failure about this domain (or about no stated domain: a failure is never ignored for lack of detail). */
    private static boolean dmarcFailed(AuthenticationResults results, String domain) {
        return results.results("dmarc").stream()
                .filter(dmarc -> dmarc.result().equals("fail"))
                .anyMatch(dmarc -> dmarc.property("header.from")
                        .map(SenderAuthentication::normaliseDomain)
                        .map(domain::equals)
                        .orElse(true));
    }

    private static Optional<String> signingDomain(MethodResult dkim) {
        return dkim.property("header.d")
                .or(() -> dkim.property("header.i").map(identity -> identity.substring(identity.lastIndexOf('@') + 1)))
                .map(SenderAuthentication::normaliseDomain)
                .filter(signer -> !signer.isEmpty());
    }

    /** Equal, or the signer is a parent domain of the sender's (and is not a bare top-level label). */
    static boolean aligned(String signer, String senderDomain) {
        return signer.equals(senderDomain) || (signer.contains(".") && senderDomain.endsWith("." + signer));
    }

    private static String normaliseDomain(String domain) {
        String d = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        if (d.startsWith("@")) {
            d = d.substring(1);
        }
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
