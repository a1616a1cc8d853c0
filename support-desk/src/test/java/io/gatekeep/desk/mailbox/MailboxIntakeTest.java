package io.gatekeep.desk.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.desk.intake.MessageParser;
import io.gatekeep.desk.intake.ParseLimits;
import io.gatekeep.desk.intake.ParseOutcome;
import io.gatekeep.desk.intake.ParseOutcome.Parsed;
import io.gatekeep.desk.intake.ParseOutcome.Reason;
import io.gatekeep.desk.intake.ParseOutcome.Rejected;
import io.gatekeep.desk.tickets.Directory.DirectoryUnavailable;
import io.gatekeep.desk.workflow.InboundMail.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

class MailboxIntakeTest {

    private final MessageParser parser = new MessageParser(ParseLimits.defaults());
    private final List<ParseOutcome> applied = new ArrayList<>();

    @Test
    void aMessageIsDoneWithOnceItWasApplied() {
        MailboxIntake intake = new MailboxIntake(
                parser,
                outcome -> {
                    applied.add(outcome);
                    return Result.NEW_TICKET;
                },
                3);

        assertThat(intake.apply(request())).isTrue();
        assertThat(applied).singleElement().isInstanceOf(Parsed.class);
    }

    @Test
    void aSourceThatCannotBeReadLeavesTheMessageForTheNextRound() {
        MailboxIntake intake = new MailboxIntake(parser, outcome -> Result.NEW_TICKET, 3);

        assertThat(intake.read(p -> {
                    throw new IOException("connection reset");
                }))
                .isEmpty();
        assertThat(intake.read(p -> p.parse("not a mail at all".getBytes(StandardCharsets.UTF_8))))
                .isPresent();
    }

    @Test
    void aMessageThatFailsEveryTimeIsFiledForAnAgentAfterTheLastAttempt() {
        MailboxIntake intake = new MailboxIntake(
                parser,
                outcome -> {
                    applied.add(outcome);
                    if (outcome instanceof Parsed) {
                        throw new IllegalStateException("a bug this message triggers");
                    }
                    return Result.REJECTED;
                },
                3);
        ParseOutcome message = request();

        assertThat(intake.apply(message)).as("attempt 1").isFalse();
        assertThat(intake.apply(message)).as("attempt 2").isFalse();
        assertThat(intake.apply(message)).as("attempt 3: filed").isTrue();

        assertThat(applied.get(applied.size() - 1)).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(Reason.UNPROCESSABLE);
            assertThat(rejected.detail())
                    .contains("3 times")
                    .contains("IllegalStateException")
                    .doesNotContain("a bug this message triggers");
            assertThat(rejected.dedupeKey()).isEqualTo(applied.get(0).dedupeKey());
            assertThat(rejected.partial().messageId()).contains("poison-1@acme.example");
        });
    }

    @Test
    void outagesOfTheDirectoryOrTheDatabaseNeverCountAsFailuresOfTheMessage() {
        List<RuntimeException> outages = new ArrayList<>(List.of(
                new DirectoryUnavailable("down", null),
                new DataAccessResourceFailureException("down"),
                new CannotCreateTransactionException("down"),
                new DirectoryUnavailable("down", null),
                new DataAccessResourceFailureException("down")));
        MailboxIntake intake = new MailboxIntake(
                parser,
                outcome -> {
                    applied.add(outcome);
                    if (!outages.isEmpty()) {
                        throw outages.remove(0);
                    }
                    return Result.NEW_TICKET;
                },
                2);
        ParseOutcome message = request();

        for (int i = 0; i < 5; i++) {
            assertThat(intake.apply(message)).isFalse();
        }
        assertThat(intake.apply(message)).isTrue();
        assertThat(applied).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(Parsed.class));
    }

    private ParseOutcome request() {
        String raw = """
                From: Luis <luis@acme.example>
                To: support@desk.test
                Subject: Please reset my MFA
                Message-ID: <poison-1@acme.example>
                Content-Type: text/plain; charset=UTF-8

                I lost my phone and my recovery code.
                """.replace("\n", "\r\n");
        return parser.parse(raw.getBytes(StandardCharsets.UTF_8));
    }
}
