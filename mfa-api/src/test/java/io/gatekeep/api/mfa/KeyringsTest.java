package io.gatekeep.api.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatekeep.api.mfa.secrets.SecretKeyring;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class KeyringsTest {

    private static final String KEY = SecretKeyring.generateKeyBase64();

    @Test
    void refusesToStartWithoutAKey() {
        assertThatThrownBy(() -> Keyrings.from(new MfaProperties.Encryption(Map.of(), null, false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gatekeep.mfa.encryption.keys.<id>")
                .hasMessageContaining("allow-generated-dev-key=true");
    }

    @Test
    void generatesADevelopmentKeyOnlyWhenAllowedAndSaysSoLoudly(CapturedOutput output) {
        SecretKeyring keyring = Keyrings.from(new MfaProperties.Encryption(Map.of(), null, true));
        assertThat(keyring.activeKeyId()).isEqualTo(Keyrings.DEVELOPMENT_KEY_ID);
        assertThat(output.getAll()).contains("WARN").contains("GENERATED DEVELOPMENT KEY");
    }

    @Test
    void usesTheConfiguredActiveKeyAndNeverEchoesKeyMaterial() {
        SecretKeyring keyring = Keyrings.from(new MfaProperties.Encryption(
                Map.of("old", KEY, "new", SecretKeyring.generateKeyBase64()), "new", false));
        assertThat(keyring.activeKeyId()).isEqualTo("new");
        assertThat(keyring.keyIds()).containsExactlyInAnyOrder("old", "new");

        assertThatThrownBy(
                        () -> Keyrings.from(new MfaProperties.Encryption(Map.of("short", "c2hvcnQ="), "short", false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> Keyrings.from(new MfaProperties.Encryption(Map.of("a", KEY, "b", KEY), null, false)))
                .hasMessageContaining("active-key-id");
        assertThat(new MfaProperties.Encryption(Map.of("a", KEY), "a", false).toString())
                .doesNotContain(KEY);
    }
}
