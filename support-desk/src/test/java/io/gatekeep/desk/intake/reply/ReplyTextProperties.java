package io.gatekeep.desk.intake.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the reply stripper on generated replies followed by quoted history in the common clients' forms. */
class ReplyTextProperties {

    /** Words that cannot form a marker line (no "wrote:", "from:", "sent", "--"). */
    private static final List<String> WORDS = List.of(
            "approve", "yes", "no", "please", "reset", "the", "MFA", "for", "Max", "on", "my", "phone", "is", "lost",
            "thanks", "Olivia", "am", "le", "el", "ok", "I", "confirm", "2026", "10:15", "é", "日本");

    private static final List<String> HISTORIES = List.of(
            "On Tue, 3 Mar 2026 at 10:15, Gatekeep Support <support@desk.gatekeep.test> wrote:\n\n> Reply approve.\n>\n> Thanks",
            "On Tue, 3 Mar 2026 at 10:15, Gatekeep Support <\nsupport@desk.gatekeep.test> wrote:\n> Reply approve.",
            "> On 3 Mar 2026, at 10:15, Gatekeep <support@desk.gatekeep.test> wrote:\n> \n> approve",
            "From: Gatekeep Support <support@desk.gatekeep.test>\nSent: Tuesday, March 3, 2026 10:15 AM\n"
                    + "To: Olivia\nSubject: Confirm\n\nReply approve to confirm.",
            "-----Original Message-----\nFrom: Gatekeep\nyes",
            "________________________________\nFrom: Gatekeep Support\nSent: Tuesday\n\napprove",
            "-- \nOlivia Owner\nAcme Corp",
            "Sent from my iPhone\n\n> On 3 Mar 2026, at 10:15, Gatekeep <s@d.example> wrote:\n> approve",
            "Am Di., 3. März 2026 um 10:15 Uhr schrieb Gatekeep <s@d.example>:\n> approve",
            "---------- Forwarded message ---------\nFrom: someone\napprove");

    @Property(tries = 500)
    void recoversTheReplyAboveAnyHistory(@ForAll("replies") String reply, @ForAll("histories") String history) {
        ReplyText extracted = ReplyText.extract(reply + "\n\n" + history);

        assertThat(extracted.text()).isEqualTo(reply.strip());
    }

    @Property(tries = 300)
    void findsTheFirstLineOfTheReply(@ForAll("replies") String reply, @ForAll("histories") String history) {
        ReplyText extracted = ReplyText.extract(reply.replace("\n", "\r\n") + "\r\n" + history.replace("\n", "\r\n"));

        assertThat(extracted.firstMeaningfulLine())
                .contains(reply.strip().lines().findFirst().orElseThrow().strip());
    }

    @Property(tries = 500)
    void strippingIsIdempotent(@ForAll("mixedBodies") String body) {
        String once = ReplyText.extract(body).text();

        assertThat(ReplyText.extract(once).text()).isEqualTo(once);
    }

    @Property(tries = 300)
    void strippingArbitraryTextIsIdempotent(@ForAll String body) {
        String once = ReplyText.extract(body).text();

        assertThat(ReplyText.extract(once).text()).isEqualTo(once);
    }

    @Provide
    Arbitrary<String> replies() {
        Arbitrary<String> line =
                Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(8).map(words -> String.join(" ", words));
        return Arbitraries.oneOf(line, line, Arbitraries.just(""))
                .list()
                .ofMinSize(1)
                .ofMaxSize(6)
                .map(lines -> String.join("\n", lines))
                .filter(text -> !text.isBlank());
    }

    @Provide
    Arbitrary<String> histories() {
        return Arbitraries.of(HISTORIES);
    }

    /** Lines of every kind the stripper reacts to, shuffled together. */
    @Provide
    Arbitrary<String> mixedBodies() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(5).map(words -> String.join(" ", words)),
                Arbitraries.of(
                        "",
                        " ",
                        "> quoted",
                        ">",
                        "-- ",
                        "--",
                        "Sent from my iPhone",
                        "From: a <a@b.example>",
                        "Sent: Tuesday",
                        "Date: today",
                        "________________________________",
                        "On Tue, 3 Mar 2026, Gatekeep <s@d.example> wrote:",
                        "On Tue, 3 Mar 2026, Gatekeep <",
                        "s@d.example> wrote:",
                        "-----Original Message-----",
                        "\tindented",
                        "Subject: x"));
        return line.list()
                .ofMaxSize(25)
                .map(lines -> String.join(Arbitraries.of("\n", "\r\n").sample(), lines));
    }
}
