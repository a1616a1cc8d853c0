package io.gatekeep.worker.consuming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.account.SignInMethod;
import io.gatekeep.events.account.SignedIn;
import io.gatekeep.worker.FlakyHandler;
import io.gatekeep.worker.WorkerIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class HandlerFailureIntegrationTest extends WorkerIntegrationTest {

    @Autowired
    FlakyHandler flaky;

    @Test
    void failingHandlerIsRetriedWithBackoffAndEveryEffectHappensOnce() {
        UUID user = UUID.randomUUID();
        EventEnvelope before = publish(new SignedIn(user, UUID.randomUUID(), SignInMethod.PASSWORD, null));
        EventEnvelope failing =
                publish(new SignedIn(user, UUID.randomUUID(), SignInMethod.PASSWORD, FlakyHandler.FAIL_TWICE));
        EventEnvelope after = publish(new SignedIn(user, UUID.randomUUID(), SignInMethod.PASSWORD, null));

        await().atMost(Duration.ofSeconds(30)).until(() -> flaky.timesApplied(after.id()) == 1);

        assertThat(flaky.timesApplied(before.id())).isEqualTo(1);
        assertThat(flaky.timesApplied(failing.id())).isEqualTo(1);
        assertThat(auditEntries(before.id()) + auditEntries(failing.id()) + auditEntries(after.id()))
                .isEqualTo(3);
    }

    @Test
    void eventAHandlerNeverAcceptsIsDeadLetteredAfterItsRetriesAndTheNextOneIsProcessed(CapturedOutput log) {
        UUID user = UUID.randomUUID();
        EventEnvelope poison =
                publish(new SignedIn(user, UUID.randomUUID(), SignInMethod.PASSWORD, FlakyHandler.FAIL_ALWAYS));
        EventEnvelope next = publish(new SignedIn(user, UUID.randomUUID(), SignInMethod.PASSWORD, null));

        await().atMost(Duration.ofSeconds(30)).until(() -> flaky.timesApplied(next.id()) == 1);

        assertThat(flaky.timesApplied(poison.id())).isZero();
        assertThat(auditEntries(poison.id()))
                .as("other handlers applied it once")
                .isEqualTo(1);
        assertThat(log.getAll())
                .contains("Dead-lettering record")
                .contains(poison.id().toString())
                .contains("IllegalStateException: Failing on purpose");
    }
}
