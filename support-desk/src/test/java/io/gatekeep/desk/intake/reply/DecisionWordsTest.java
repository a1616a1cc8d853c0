package io.gatekeep.desk.intake.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecisionWordsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "approve",
                "Approve",
                "APPROVE!",
                "Yes",
                "yes.",
                "Yes, approve.",
                "Approved, thanks!",
                "confirm",
                "I confirm",
                "Confirmed 👍",
                "yes please",
                "OK, approved",
                "  approve  ",
                "'approve'",
                "I hereby approve this request",
                "Yes – approve"
            })
    void approves(String line) {
        assertThat(DecisionWords.decide(line)).isEqualTo(Decision.APPROVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"deny", "Deny.", "No", "no!", "NO, deny", "Denied", "no thanks", "No, thank you."})
    void denies(String line) {
        assertThat(DecisionWords.decide(line)).isEqualTo(Decision.DENY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop.", "Stop please"})
    void stops(String line) {
        assertThat(DecisionWords.decide(line)).isEqualTo(Decision.STOP);
    }

    /** A misread approval disables a security control; everything doubtful is a question back instead. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "yes but no",
                "yes, deny",
                "I do not approve",
                "don't approve",
                "not approved",
                "never confirm",
                "approve?",
                "Should I approve?",
                "ok",
                "Hi team,",
                "Approve – thanks, Olivia",
                "approve if it was really Max",
                "maybe",
                "yesterday",
                "approval",
                "y",
                "+1",
                "",
                "   ",
                "stop, no",
                "I would approve",
                "approve\u200Bnot"
            })
    void findsEverythingElseUnclear(String line) {
        assertThat(DecisionWords.decide(line)).isEqualTo(Decision.UNCLEAR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Approve\nactually, no", "approve\n\nOn Tue, 3 Mar 2026, Gatekeep wrote:\n> deny"})
    void letsOnlyTheFirstLineDecide(String body) {
        assertThat(DecisionWords.decide(ReplyText.extract(body))).isEqualTo(Decision.APPROVE);
    }
}
