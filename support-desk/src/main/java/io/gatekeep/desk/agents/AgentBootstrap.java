package io.gatekeep.desk.agents;

import io.gatekeep.api.mfa.secrets.SecretCipher;
import io.gatekeep.api.mfa.totp.OtpAuthUri;
import io.gatekeep.api.mfa.totp.TotpSecret;
import io.gatekeep.api.mfa.totp.TotpSecretGenerator;
import io.gatekeep.desk.config.DeskProperties;
import java.io.PrintStream;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Creates the agent named by {@code gatekeep.desk.agents.bootstrap-username/-password} at start-up when none of that
 * name exists, with a fresh TOTP secret sealed at rest; an existing agent without a second factor gets one. A
 * generated secret is written once to the console (not the log), for the operator to add to an authenticator app;
 * it cannot be shown again. With {@code bootstrap-totp-secret} set (the local stack) that secret is used and nothing
 * is printed.
 */
class AgentBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AgentBootstrap.class);

    private final AgentAccounts agents;
    private final SecretCipher cipher;
    private final DeskProperties desk;
    private final AgentLoginProperties login;
    private final PrintStream console;

    AgentBootstrap(
            AgentAccounts agents,
            SecretCipher cipher,
            DeskProperties desk,
            AgentLoginProperties login,
            PrintStream console) {
        this.agents = agents;
        this.cipher = cipher;
        this.desk = desk;
        this.login = login;
        this.console = console;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        String username = desk.agents().bootstrapUsername();
        String password = desk.agents().bootstrapPassword();
        if (username == null || username.isBlank() || password == null || password.isBlank()) {
            return;
        }
        boolean provided = login.bootstrapTotpSecret() != null
                && !login.bootstrapTotpSecret().isBlank();
        TotpSecret secret = provided
                ? TotpSecret.fromBase32(login.bootstrapTotpSecret().strip())
                : new TotpSecretGenerator().generate();
        Optional<AgentAccounts.Agent> existing = agents.byUsername(username);
        boolean created;
        if (existing.isEmpty()) {
            UUID id = UUID.randomUUID();
            created = agents.createIfAbsent(id, username, username, password, cipher.encrypt(id, secret));
        } else {
            created = agents.addTotpIfMissing(
                    existing.get().id(), cipher.encrypt(existing.get().id(), secret));
        }
        if (!created) {
            return;
        }
        log.info(
                "Bootstrap agent '{}' {} with a TOTP second factor",
                username,
                existing.isEmpty() ? "created" : "given");
        if (!provided) {
            console.printf(
                    """

                    ==== Support-desk agent '%s': TOTP secret, shown this once ====
                      secret   %s
                      app URI  %s
                      code now oathtool --totp -b %s
                    Add it to the agent's authenticator app now; it is stored encrypted and cannot be shown again.
                    ================================================================
                    %n""",
                    username,
                    secret.manualEntryKey(),
                    new OtpAuthUri("Gatekeep Support Desk").forAccount(username, secret),
                    secret.base32());
        }
    }
}
