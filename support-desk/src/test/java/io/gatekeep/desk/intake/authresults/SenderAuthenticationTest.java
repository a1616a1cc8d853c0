package io.gatekeep.desk.intake.authresults;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.desk.intake.SampleMail;
import io.gatekeep.desk.intake.authresults.SenderVerdict.Authenticated;
import io.gatekeep.desk.intake.authresults.SenderVerdict.NotAuthenticated;
import io.gatekeep.desk.intake.authresults.SenderVerdict.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class SenderAuthenticationTest {

    private final SenderAuthentication policy = new SenderAuthentication(SampleMail.TRUSTED_AUTHSERV_ID);

    @Test
    void acceptsGmailsReplyOnDmarcPassFromTheTrustedServer() {
        SenderVerdict verdict = policy.evaluate(SampleMail.parsed(SampleMail.gmailReplyApproving()), "acme.example");

        assertThat(verdict).isEqualTo(new Authenticated("dmarc", "dmarc=pass header.from=acme.example"));
    }

    @Test
    void acceptsAnAlignedDkimPassWithoutDmarc() {
        assertThat(evaluate(
                        "mx.desk.gatekeep.test; dkim=pass header.d=acme.example; dmarc=none header.from=acme.example"))
                .isEqualTo(new Authenticated("dkim", "dkim=pass header.d=acme.example"));
    }

    @Test
    void acceptsADkimSignatureOfAParentDomain() {
        assertThat(policy.evaluate(List.of("mx.desk.gatekeep.test; dkim=pass header.d=acme.example"), "eu.acme.example")
                        .authenticated())
                .isTrue();
    }

    @Test
    void readsTheSigningDomainFromHeaderIWhenHeaderDIsMissing() {
        assertThat(evaluate("mx.desk.gatekeep.test; dkim=pass header.i=@acme.example header.s=google")
                        .authenticated())
                .isTrue();
    }

    @Test
    void ignoresResultsFromAnyOtherServerEvenWhenTheyPass() {
        SenderVerdict verdict = evaluate(
                "mx.evil.example; dmarc=pass header.from=acme.example",
                "mx.desk.gatekeep.test.evil.example; dmarc=pass header.from=acme.example",
                "dkim=pass header.d=acme.example");

        assertThat(verdict)
                .isInstanceOfSatisfying(
                        NotAuthenticated.class, not -> assertThat(not.reason()).isEqualTo(Reason.NO_TRUSTED_RESULTS));
    }

    @Test
    void refusesADmarcFailureEvenWithAPassingDkimSignature() {
        assertThat(reason(
                        "mx.desk.gatekeep.test; dkim=pass header.d=acme.example; dmarc=fail header.from=acme.example"))
                .isEqualTo(Reason.DMARC_FAILED);
    }

    @Test
    void refusesAPassForAnotherDomain() {
        assertThat(reason(
                        "mx.desk.gatekeep.test; dkim=pass header.d=evil.example; dmarc=pass header.from=evil.example"))
                .isEqualTo(Reason.NOT_ALIGNED);
    }

    @Test
    void refusesLookalikeAndChildSigningDomains() {
        assertThat(reason("mx.desk.gatekeep.test; dkim=pass header.d=notacme.example"))
                .isEqualTo(Reason.NOT_ALIGNED);
        assertThat(reason("mx.desk.gatekeep.test; dkim=pass header.d=acme.example.evil.example"))
                .isEqualTo(Reason.NOT_ALIGNED);
        assertThat(reason("mx.desk.gatekeep.test; dkim=pass header.d=mailer.acme.example"))
                .isEqualTo(Reason.NOT_ALIGNED);
        assertThat(reason("mx.desk.gatekeep.test; dkim=pass header.d=example")).isEqualTo(Reason.NOT_ALIGNED);
    }

    @Test
    void refusesFailingNeutralAndMissingResults() {
        assertThat(reason(
                        "mx.desk.gatekeep.test; dkim=fail header.d=acme.example; spf=pass smtp.mailfrom=acme.example"))
                .isEqualTo(Reason.NOT_ALIGNED);
        assertThat(reason("mx.desk.gatekeep.test; dmarc=pass")).isEqualTo(Reason.NOT_ALIGNED);
        assertThat(reason("mx.desk.gatekeep.test; none")).isEqualTo(Reason.NOT_ALIGNED);
        assertThat(reason()).isEqualTo(Reason.NO_TRUSTED_RESULTS);
    }

    @Test
    void trustsOnlyTheTopmostHeaderOfTheTrustedServer() {
        SenderVerdict verdict = evaluate(
                "mx.desk.gatekeep.test; spf=pass smtp.mailfrom=acme.example",
                "mx.desk.gatekeep.test; dmarc=pass header.from=acme.example");

        assertThat(verdict.authenticated())
                .as("a forged pass below the real header")
                .isFalse();
    }

    @Test
    void refusesWhenAnotherTrustedHeaderContradictsThePass() {
        assertThat(reason(
                        "mx.desk.gatekeep.test; dmarc=pass header.from=acme.example",
                        "mx.desk.gatekeep.test; dmarc=fail header.from=acme.example"))
                .isEqualTo(Reason.CONFLICTING_RESULTS);
    }

    @Test
    void comparesAuthservIdAndDomainsCaseInsensitively() {
        assertThat(new SenderAuthentication("MX.Desk.Gatekeep.Test")
                        .evaluate(
                                List.of("mx.desk.gatekeep.TEST; dmarc=pass header.from=ACME.example."), "Acme.Example")
                        .authenticated())
                .isTrue();
    }

    private SenderVerdict evaluate(String... headers) {
        return policy.evaluate(List.of(headers), "acme.example");
    }

    private Reason reason(String... headers) {
        SenderVerdict verdict = evaluate(headers);
        assertThat(verdict).isInstanceOf(NotAuthenticated.class);
        return ((NotAuthenticated) verdict).reason();
    }
}
