package io.gatekeep.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the invitation token in the text of an invitation email: a {@code token=} link parameter or a "Token:" line. */
final class InvitationToken {

    private static final Pattern LINK_PARAMETER = Pattern.compile("[?&](?:amp;)?token=([A-Za-z0-9._~%+\\-]+)");
    private static final Pattern TOKEN_LINE =
            Pattern.compile("(?im)^[ \\t>]*(?:invitation[ \\t]+)?(?:token|code)[ \\t]*:[ \\t]*([A-Za-z0-9._~+/=\\-]{16,})[ \\t]*$");

    private InvitationToken() {
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
