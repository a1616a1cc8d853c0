package io.gatekeep.api.mfa.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import org.junit.jupiter.api.Test;

class OtpAuthUriTest {

    private static final TotpSecret SECRET = TotpSecret.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");

    @Test
    void buildsTheKeyUriFormatWithTheDefaultIssuer() {
        assertThat(new OtpAuthUri().forAccount("alice@example.com", SECRET))
                .isEqualTo("otpauth://totp/Gatekeep:alice@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                        + "&issuer=Gatekeep&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void percentEncodesIssuerAndAccount() {
        String uri = new OtpAuthUri("Acme Corp: EU").forAccount("bob+mfa@exämple.com", SECRET);

        assertThat(uri)
                .startsWith("otpauth://totp/Acme%20Corp%3A%20EU:bob%2Bmfa@ex%C3%A4mple.com?secret=")
                .contains("&issuer=Acme%20Corp%3A%20EU&");
        URI parsed = URI.create(uri);
        assertThat(parsed.getPath()).isEqualTo("/Acme Corp: EU:bob+mfa@exämple.com");
    }

    @Test
    void refusesBlankIssuer() {
        assertThatIllegalArgumentException().isThrownBy(() -> new OtpAuthUri(" "));
    }
}
