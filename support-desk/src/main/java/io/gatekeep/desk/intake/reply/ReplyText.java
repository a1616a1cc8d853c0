package io.gatekeep.desk.intake.reply;

import io.gatekeep.desk.intake.InboundMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the sender of a reply wrote, without the quoted history and the signature.
 *
 * <p>Rules, applied top to bottom: lines starting with '>' are quoted and dropped wherever they are (inline answers
 * between quotes survive); an attribution line ("On … wrote:", Apple/Gmail/Thunderbird forms and a few translations)
 * is dropped when quoted lines follow it, and otherwise ends the text (HTML converted quotes lose their '>'); Outlook
 * history ("-----Original Message-----", a "From:" line followed by "Sent:"/"Date:", the underscore separator),
 * forwarded-message markers, the "-- " signature delimiter and "Sent from my iPhone"-style lines end the text.
 * Extraction is idempotent.
 */
public final class ReplyText {

    /** Passes until nothing changes; a pass can only expose a marker by removing lines, so this converges fast. */
    private static final int MAX_PASSES = 8;

    private final String text;

    private ReplyText(String text) {
        this.text = text;
    }

    /** From a message: its plain body when it has one, otherwise its HTML without the blocks marked as quotes. */
    public static ReplyText of(InboundMessage message) {
        String body = message.plainText()
                .filter(plain -> !plain.isBlank())
                .or(message::htmlNewText)
                .or(message::htmlText)
                .orElse("");
        return extract(body);
    }

    public static ReplyText extract(String body) {
        String current = normaliseLineBreaks(body);
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            String next = stripOnce(current);
            if (next.equals(current)) {
                break;
            }
            current = next;
        }
        return new ReplyText(current);
    }

    /** The sender's text; empty when they wrote nothing above the quote. */
    public String text() {
        return text;
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    /** The first line with a letter or digit, trimmed: the line that carries a decision. */
    public Optional<String> firstMeaningfulLine() {
        return text.lines()
                .map(String::strip)
                .filter(line -> line.codePoints().anyMatch(Character::isLetterOrDigit))
                .findFirst();
    }

    private static String stripOnce(String text) {
        List<String> lines = Arrays.asList(text.split("\n", -1));
        List<String> unquoted = new ArrayList<>();
        List<Integer> unquotedIndex = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!QuoteMarkers.isQuoted(lines.get(i))) {
                unquoted.add(lines.get(i));
                unquotedIndex.add(i);
            }
        }
        List<String> kept = new ArrayList<>();
        for (int u = 0; u < unquoted.size(); u++) {
            String line = unquoted.get(u);
            String stripped = line.strip();
            if (QuoteMarkers.isSignatureDelimiter(line)
                    || QuoteMarkers.isMobileSignature(stripped)
                    || QuoteMarkers.isOriginalMessageSeparator(stripped)
                    || QuoteMarkers.isOutlookHeader(unquoted, u)) {
                break;
            }
            int index = unquotedIndex.get(u);
            int attribution = QuoteMarkers.attributionLines(lines, index);
            if (attribution > 0) {
                if (!quotedLineFollows(lines, index + attribution)) {
                    break;
                }
                u += attribution - 1;
                continue;
            }
            kept.add(line.stripTrailing());
        }
        return trimBlankLines(kept);
    }

    private static boolean quotedLineFollows(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return QuoteMarkers.isQuoted(lines.get(i));
            }
        }
        return false;
    }

    private static String trimBlankLines(List<String> lines) {
        int start = 0;
        int end = lines.size();
        while (start < end && lines.get(start).isBlank()) {
            start++;
        }
        while (end > start && lines.get(end - 1).isBlank()) {
            end--;
        }
        return String.join("\n", lines.subList(start, end));
    }

    private static String normaliseLineBreaks(String body) {
        return body == null ? "" : body.replace("\r\n", "\n").replace('\r', '\n');
    }

    @Override
    public String toString() {
        return text;
    }
}
