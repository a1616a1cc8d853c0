package io.gatekeep.desk.intake.reply;

import java.util.List;
import java.util.regex.Pattern;

/** Recognises the lines where quoted history or a signature begins, in the forms common mail clients write them. */
final class QuoteMarkers {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    /** "On … wrote:" and its translations (Gmail, Apple Mail, Thunderbird), possibly wrapped over up to 3 lines. */
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^(?:"
                    + "on\\b.{0,300}\\bwrote\\s*:"
                    + "|am\\b.{0,300}\\bschrieb\\b.{0,200}:"
                    + "|le\\b.{0,300}\\ba\\s+écrit\\s*:"
                    + "|el\\b.{0,300}\\bescribió\\s*:"
                    + "|op\\b.{0,300}\\bschreef\\b.{0,200}:"
                    + "|il\\b.{0,300}\\bha\\s+scritto\\s*:"
                    + "|\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4}\\b.{0,200}<[^<>\\s]+@[^<>\\s]+>\\s*:"
                    + "|.{0,200}<[^<>\\s]+@[^<>\\s]+>\\s+(?:wrote|schrieb|skrev|kirjoitti|napisał|escribió)\\s*:"
                    + ")$",
            FLAGS);

    private static final Pattern ATTRIBUTION_START =
            Pattern.compile("^(?:on|am|le|el|op|il|\\d{1,4}[-/.])\\b.*", FLAGS);

    /** Outlook's plain-text separators, English and a few translations. */
    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
            "^-{2,}\\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original"
                    + "|oorspronkelijk bericht|messaggio originale|forwarded message|weitergeleitete nachricht"
                    + "|message transféré)\\s*-{2,}$|^begin forwarded message:$",
            FLAGS);

    private static final Pattern HEADER_FROM =
            Pattern.compile("^\\*?(?:from|von|de|van|da|från|fra)\\s*:\\*?\\s*\\S.*", FLAGS);

    private static final Pattern HEADER_SENT = Pattern.compile(
            "^\\*?(?:sent|date|gesendet|datum|envoyé|enviado|fecha|verzonden|inviato|data|skickat|sendt)\\s*:\\*?.*",
            FLAGS);

    private static final Pattern UNDERSCORES = Pattern.compile("^_{20,}$");

    private static final Pattern MOBILE_SIGNATURE = Pattern.compile(
            "^(?:sent from|sent with|sent via|get outlook for|von meinem|gesendet von|envoyé de mon|envoyé depuis"
                    + "|enviado desde|verzonden vanaf|inviato da)\\b.{0,60}$",
            FLAGS);

    private QuoteMarkers() {}

    static boolean isQuoted(String line) {
        return line.stripLeading().startsWith(">");
    }

    /** The RFC 3676 "-- " delimiter, also without its trailing space (clients often trim it). */
    static boolean isSignatureDelimiter(String line) {
        return line.equals("-- ") || line.equals("--");
    }

    static boolean isMobileSignature(String stripped) {
        return MOBILE_SIGNATURE.matcher(stripped).matches();
    }

    static boolean isOriginalMessageSeparator(String stripped) {
        return ORIGINAL_MESSAGE.matcher(stripped).matches();
    }

    /**
     * Number of lines (1 to 3) of an attribution line starting at {@code index}, or 0. Clients wrap long ones, e.g.
     * Gmail's "On Tue, 3 Mar 2026 at 10:15, Gatekeep Support &lt;" + newline + "support@…&gt; wrote:".
     */
    static int attributionLines(List<String> lines, int index) {
        String first = lines.get(index).strip();
        if (first.isEmpty() || first.length() > 400) {
            return 0;
        }
        if (ATTRIBUTION.matcher(first).matches()) {
            return 1;
        }
        if (!ATTRIBUTION_START.matcher(first).matches()) {
            return 0;
        }
        String joined = first;
        for (int extra = 1; extra <= 2 && index + extra < lines.size(); extra++) {
            String next = lines.get(index + extra).strip();
            if (next.isEmpty() || isQuoted(next) || ATTRIBUTION.matcher(next).matches()) {
                return 0; // a complete attribution on the next line starts there: this line is the sender's own
            }
            joined = joined + " " + next;
            if (ATTRIBUTION.matcher(joined).matches()) {
                return extra + 1;
            }
        }
        return 0;
    }

    /**
     * Outlook's header block: a "From:" line followed within four lines by "Sent:" or "Date:" (or the separator line
     * of underscores Outlook puts just before it). {@code unquoted} are the lines to look ahead in.
     */
    static boolean isOutlookHeader(List<String> unquoted, int index) {
        String line = unquoted.get(index).strip();
        if (UNDERSCORES.matcher(line).matches()) {
            return index + 1 < unquoted.size()
                            && HEADER_FROM
                                    .matcher(unquoted.get(index + 1).strip())
                                    .matches()
                    || index + 2 < unquoted.size()
                            && unquoted.get(index + 1).isBlank()
                            && HEADER_FROM
                                    .matcher(unquoted.get(index + 2).strip())
                                    .matches();
        }
        if (!HEADER_FROM.matcher(line).matches()) {
            return false;
        }
        for (int i = index + 1; i < Math.min(unquoted.size(), index + 5); i++) {
            if (HEADER_SENT.matcher(unquoted.get(i).strip()).matches()) {
                return true;
            }
        }
        return false;
    }
}
