package io.gatekeep.desk.intake.reply;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the decision in the first line of a reply. The rule is deliberately strict, because a misread approval
 * switches off a security control while a misread anything-else only costs a clarification round:
 *
 * <ol>
 *   <li>the line is split into words (letters, digits and apostrophes; punctuation, emoji and case do not matter);
 *   <li>every word must be a decision word or a courtesy word ("please", "thanks", "i", "this", "request", …);
 *   <li>the decision words must all mean the same thing, and there must be at least one.
 * </ol>
 *
 * A question mark anywhere makes the line a question, not a decision. So "Yes, approve." and "Approved, thanks!"
 * approve; "No." denies; "STOP" stops; but "yes but no" (two meanings), "I do not approve", "don't approve",
 * "Approve?", "ok" alone and "Hi team," are {@link Decision#UNCLEAR}. Only the first meaningful line counts: "Approve" followed by "actually, no" on the next
 * line approves, as the owner was told.
 */
public final class DecisionWords {

    private static final Map<String, Decision> DECISIONS = Map.ofEntries(
            Map.entry("approve", Decision.APPROVE),
            Map.entry("approved", Decision.APPROVE),
            Map.entry("yes", Decision.APPROVE),
            Map.entry("confirm", Decision.APPROVE),
            Map.entry("confirmed", Decision.APPROVE),
            Map.entry("deny", Decision.DENY),
            Map.entry("denied", Decision.DENY),
            Map.entry("no", Decision.DENY),
            Map.entry("stop", Decision.STOP));

    /** Words that add politeness but no meaning. Negations and hedges ("not", "but", "maybe", "if") are absent on purpose. */
    private static final Set<String> COURTESY = Set.of(
            "please", "thanks", "thank", "you", "ty", "i", "we", "hereby", "this", "the", "request", "it", "ok", "okay",
            "sure", "hello", "hi");

    private DecisionWords() {}

    public static Decision decide(ReplyText reply) {
        return reply.firstMeaningfulLine().map(DecisionWords::decide).orElse(Decision.UNCLEAR);
    }

    public static Decision decide(String line) {
        if (line == null || line.indexOf('?') >= 0 || line.indexOf('？') >= 0) {
            return Decision.UNCLEAR;
        }
        Set<Decision> meanings = EnumSet.noneOf(Decision.class);
        for (String word : words(line)) {
            Decision decision = DECISIONS.get(word);
            if (decision != null) {
                meanings.add(decision);
            } else if (!COURTESY.contains(word)) {
                return Decision.UNCLEAR;
            }
        }
        return meanings.size() == 1 ? meanings.iterator().next() : Decision.UNCLEAR;
    }

    /**
     * Lower-case words. An apostrophe inside a word stays, so "don't" is one word and no decision; apostrophes used
     * as quotes around a word are dropped.
     */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        line.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || isApostrophe(c)) {
                word.appendCodePoint(c);
            } else {
                flush(word, words);
            }
        });
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        int start = 0;
        int end = word.length();
        while (start < end && isApostrophe(word.charAt(start))) {
            start++;
        }
        while (end > start && isApostrophe(word.charAt(end - 1))) {
            end--;
        }
        if (start < end) {
            words.add(word.substring(start, end));
        }
        word.setLength(0);
    }

    private static boolean isApostrophe(int c) {
        return c == '\'' || c == '\u2019';
    }
}
