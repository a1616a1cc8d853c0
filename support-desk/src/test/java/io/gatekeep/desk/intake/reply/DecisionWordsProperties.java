package io.gatekeep.desk.intake.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DecisionWordsProperties {

    private static final Set<String> DOUBTS = Set.of("not", "don't", "never", "but", "if", "maybe", "no", "deny");

    @Property(tries = 2000)
    void neverApprovesALineThatAlsoNegatesOrHedges(@ForAll("lines") List<String> words) {
        String line = String.join(" ", words);

        if (DecisionWords.decide(line) == Decision.APPROVE) {
            assertThat(words)
                    .noneMatch(word -> DOUBTS.contains(word.toLowerCase().replaceAll("[^a-z']", "")));
        }
    }

    @Property(tries = 500)
    void ignoresCaseAndSurroundingPunctuation(
            @ForAll("approvals") String approval,
            @ForAll("punctuation") String before,
            @ForAll("punctuation") String after,
            @ForAll boolean upper) {
        String line = before + (upper ? approval.toUpperCase() : approval) + after;

        assertThat(DecisionWords.decide(line)).isEqualTo(Decision.APPROVE);
    }

    @Provide
    Arbitrary<List<String>> lines() {
        return Arbitraries.of(
                        "approve",
                        "Approve,",
                        "yes",
                        "YES!",
                        "confirm",
                        "not",
                        "don't",
                        "never",
                        "but",
                        "if",
                        "maybe",
                        "no",
                        "deny",
                        "please",
                        "I",
                        "thanks",
                        "it",
                        "request")
                .list()
                .ofMinSize(1)
                .ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> approvals() {
        return Arbitraries.of("approve", "yes", "confirm", "yes, approve", "approved, thanks", "I confirm");
    }

    @Provide
    Arbitrary<String> punctuation() {
        return Arbitraries.strings().withChars(" .,!;:-–\"*()").ofMaxLength(4);
    }
}
