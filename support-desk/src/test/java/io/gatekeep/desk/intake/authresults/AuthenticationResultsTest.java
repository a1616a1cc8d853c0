package io.gatekeep.desk.intake.authresults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthenticationResultsTest {

    @Test
    void parsesAFoldedHeaderWithComments() {
        AuthenticationResults results = AuthenticationResults.parse("""
                mx.desk.gatekeep.test (Postfix; authserv) 1;\r
                 dkim=pass (2048-bit key; unprotected) header.d=acme.example header.i=@acme.example\r
                 header.s=google header.b="Xk3b;q9Za";\r
                 spf=pass (domain of olivia.owner@acme.example designates 209.85.128.41 as permitted sender)\r
                 smtp.mailfrom=olivia.owner@acme.example;\r
                 dmarc = pass (p=REJECT sp=REJECT dis=NONE) header.from=Acme.Example""").orElseThrow();

        assertThat(results.authservId()).isEqualTo("mx.desk.gatekeep.test");
        assertThat(results.results()).extracting(MethodResult::method).containsExactly("dkim", "spf", "dmarc");
        MethodResult dkim = results.results("dkim").get(0);
        assertThat(dkim.passed()).isTrue();
        assertThat(dkim.property("header.d")).contains("acme.example");
        assertThat(dkim.property("header.b")).contains("Xk3b;q9Za");
        assertThat(results.results("spf").get(0).property("smtp.mailfrom")).contains("olivia.owner@acme.example");
        assertThat(results.results("dmarc").get(0).property("header.from")).contains("Acme.Example");
    }

    @Test
    void parsesMicrosoftsHeaderThatOmitsTheAuthservId() {
        AuthenticationResults results = AuthenticationResults.parse("spf=pass (sender IP is 40.107.22.90) "
                        + "smtp.mailfrom=acme.example; dkim=pass (signature was verified) header.d=acme.example;"
                        + "dmarc=pass action=none header.from=acme.example;compauth=pass reason=100")
                .orElseThrow();

        assertThat(results.authservId()).isEmpty();
        assertThat(results.results()).extracting(MethodResult::toString).contains("dkim=pass header.d=acme.example");
        assertThat(results.results("compauth").get(0).reason()).contains("100");
        assertThat(results.results("dmarc").get(0).property("action")).contains("none");
    }

    @Test
    void readsVersionsReasonsAndNoResult() {
        assertThat(AuthenticationResults.parse("mx.example; none").orElseThrow().results())
                .isEmpty();
        MethodResult dkim = AuthenticationResults.parse(
                        "mx.example; dkim/1=fail reason=\"bad signature\" header.d=x.example")
                .orElseThrow()
                .results()
                .get(0);
        assertThat(dkim.method()).isEqualTo("dkim");
        assertThat(dkim.result()).isEqualTo("fail");
        assertThat(dkim.reason()).contains("bad signature");
    }

    @Test
    void skipsGarbageWithoutFailing() {
        assertThat(AuthenticationResults.parse("")).isEmpty();
        assertThat(AuthenticationResults.parse("((((")).isEmpty();
        assertThat(AuthenticationResults.parse("mx.example; =; dkim=; ;;; spf=pass")
                        .orElseThrow()
                        .results())
                .extracting(MethodResult::method)
                .containsExactly("spf");
        assertThat(AuthenticationResults.parseAll(List.of("", "mx.example; dmarc=pass header.from=a.example")))
                .hasSize(1);
    }
}
