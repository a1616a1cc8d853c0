package io.gatekeep.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the one-time token in the text of an email Gatekeep sent (an invitation, a signup confirmation): a
 * {@code token=} link parameter or a "Token:" line.
 */
final class EmailedToken {

    private static final Pattern LINK_PARAMETER = Pattern.compile("[?&](?:amp;)?token=([A-Za-z0-9._~%+\\-]+)");
    private static final Pattern TOKEN_LINE = Pattern.compile(
            "(?im)^[ \\t>]*(?:invitation[ \\t]+)?(?:token|code)[ \\t]*:[ \\t]*([A-Za-z0-9._~+/=\\-]{16,})[ \\t]*$");

    private EmailedToken() {}

    /** The token of the first link to {@code path} (e.g. {@code /verify-email}) in {@code text}. */
    static Optional<String> inLink(String text, String path) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher link = Pattern.compile(Pattern.quote(path) + "\\?(?:[^\\s]*&(?:amp;)?)?token=([A-Za-z0-9._~%+\\-]+)")
                .matcher(text);
        return link.find() ? Optional.of(URLDecoder.decode(link.group(1), StandardCharsets.UTF_8)) : Optional.empty();
    }

    static Optional<String> in(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher link = LINK_PARAMETER.matcher(text);
        if (link.find()) {
            return Optional.of(URLDecoder.decode(link.group(1), StandardCharsets.UTF_8));
        }
        Matcher line = TOKEN_LINE.matcher(text);
        return line.find() ? Optional.of(line.group(1)) : Optional.empty();
    }
}
