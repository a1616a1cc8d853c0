package io.gatekeep.desk.agents;

import io.gatekeep.api.mfa.lockout.AttemptDecision;
import io.gatekeep.api.mfa.lockout.FailureRecorded;
import io.gatekeep.api.mfa.lockout.LockoutPolicy;
import io.gatekeep.api.mfa.lockout.LockoutState;
import io.gatekeep.api.mfa.secrets.SecretCipher;
import io.gatekeep.api.mfa.totp.MatchedStep;
import io.gatekeep.api.mfa.totp.ReplayRule;
import io.gatekeep.api.mfa.totp.Totp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An agent signs in with user name, password and a TOTP code from their authenticator: Gatekeep's own TOTP (RFC 6238,
 * ±1 step) and replay rule (a code's step is accepted once), and the users' lockout policy (5 failures in a row lock
 * for 15 minutes, longer on repeat), after the attempt was counted against the per-agent and per-address limits.
 * Every refusal of the credentials is the same answer, whichever of the three was wrong or missing; only the limits
 * and the lock say more. The attempt is decided under the agent's row lock, so parallel guesses are counted one by one.
 */
class AgentSignIn {

    private static final Logger log = LoggerFactory.getLogger(AgentSignIn.class);

    private final TransactionTemplate transaction;
    private final AgentAccounts agents;
    private final AgentSessions sessions;
    private final SignInAttempts attempts;
    private final PasswordEncoder passwords;
    private final SecretCipher cipher;
    private final Totp totp;
    private final LockoutPolicy lockoutPolicy;
    private final Clock clock;
    /** Compared against when the user name is unknown, so the answer takes as long as for a known agent. */
    private final String unknownAgentHash;

    AgentSignIn(
            TransactionTemplate transaction,
            AgentAccounts agents,
            AgentSessions sessions,
            SignInAttempts attempts,
            PasswordEncoder passwords,
            SecretCipher cipher,
            Totp totp,
            LockoutPolicy lockoutPolicy,
            Clock clock) {
        this.transaction = transaction;
        this.agents = agents;
        this.sessions = sessions;
        this.attempts = attempts;
        this.passwords = passwords;
        this.cipher = cipher;
        this.totp = totp;
        this.lockoutPolicy = lockoutPolicy;
        this.clock = clock;
        this.unknownAgentHash = passwords.encode(java.util.UUID.randomUUID().toString());
    }

    SignInResult signIn(String username, String password, String code, String clientIp) {
        String name = username == null ? "" : username.strip();
        Optional<Duration> limited = attempts.count(name, clientIp);
        if (limited.isPresent()) {
            return new SignInResult.RateLimited(limited.get());
        }
        return transaction.execute(status -> attempt(name, password, code));
    }

    private SignInResult attempt(String username, String password, String code) {
        Optional<AgentAccounts.Agent> found = agents.lockByUsername(username);
        if (found.isEmpty()) {
            passwords.matches(password == null ? "" : password, unknownAgentHash);
            return new SignInResult.InvalidCredentials();
        }
        AgentAccounts.Agent agent = found.get();
        Instant now = clock.instant();
        LockoutState.Transition<AttemptDecision> begun = agent.lockout().beginAttempt(lockoutPolicy, now);
        agents.saveLockout(agent.id(), begun.state());
        if (begun.decision() instanceof AttemptDecision.Refused refused) {
            return new SignInResult.LockedOut(refused.lockout().until());
        }
        int attemptNumber = ((AttemptDecision.Permitted) begun.decision()).attemptNumber();
        Optional<MatchedStep> step = verify(agent, password, code);
        if (step.isPresent()) {
            agents.saveLockout(agent.id(), begun.state().attemptSucceeded(now));
            agents.acceptStep(agent.id(), step.get().step());
            AgentSessions.Issued session = sessions.issue(agent.id());
            log.info("Agent {} signed in", agent.username());
            return new SignInResult.SignedIn(session.token(), session.expiresAt());
        }
        LockoutState.Transition<FailureRecorded> failed =
                begun.state().attemptFailed(attemptNumber, lockoutPolicy, now);
        agents.saveLockout(agent.id(), failed.state());
        log.info("Agent sign-in refused for {} (failure {} in a row)", agent.username(), attemptNumber);
        return failed.decision()
                .lock()
                .<SignInResult>map(lock -> new SignInResult.LockedOut(lock.until()))
                .orElseGet(SignInResult.InvalidCredentials::new);
    }

    /** The step of a fresh, valid code when the password matches too; bcrypt runs whatever the code. */
    private Optional<MatchedStep> verify(AgentAccounts.Agent agent, String password, String code) {
        boolean passwordOk = passwords.matches(password == null ? "" : password, agent.passwordHash());
        if (!passwordOk || !agent.active() || agent.totpSecret().isEmpty()) {
            return Optional.empty();
        }
        return totp.match(cipher.decrypt(agent.id(), agent.totpSecret().get()), code)
                .filter(matched -> ReplayRule.isFresh(matched, agent.lastUsedStep()));
    }
}
