package io.gatekeep.webtests;

import static org.awaitility.Awaitility.await;

import io.gatekeep.testing.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A person's inbox on the tests' mail server: the links the product emails, as a mail client shows them. */
final class Mailbox {

    private Mailbox() {}

    /** The first link to {@code path} (e.g. "/invitations/accept") in a mail to {@code address}, once it arrives. */
    static String link(String address, String path) {
        Pattern link = Pattern.compile("https?://[^\\s\"<>]+" + Pattern.quote(path) + "\\?token=[A-Za-z0-9_\\-%.~]+");
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> TestMail.get().messagesTo(address).stream()
                                .map(Mailbox::body)
                                .map(link::matcher)
                                .filter(Matcher::find)
                                .map(Matcher::group)
                                .findFirst()
                                .orElse(null),
                        Objects::nonNull);
    }

    static List<String> subjects(String address) {
        return TestMail.get().messagesTo(address).stream()
                .map(message -> {
                    try {
                        return message.getSubject();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static String body(MimeMessage message) {
        try {
            Object content = message.getContent();
            if (content instanceof String text) {
                return text;
            }
            if (content instanceof jakarta.mail.Multipart multipart) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    Object part = multipart.getBodyPart(i).getContent();
                    if (part instanceof String string) {
                        text.append(string);
                    }
                }
                return text.toString();
            }
            return "";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
