package io.gatekeep.webtests;

import static org.awaitility.Awaitility.await;

import io.gatekeep.testing.TestMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/** Mail to and from the support desk as people's mail clients send it: plain SMTP to the tests' mail server. */
final class SupportMail {

    private SupportMail() {}

    /** A request to the support address, copying {@code copied}. */
    static void request(String from, String subject, String text, String... copied) {
        send(from, GatekeepStack.SUPPORT_ADDRESS, copied, subject, text, Map.of());
    }

    /** A message with extra headers (In-Reply-To, References …), dated now by the services' clock. */
    static void send(
            String from, String to, String[] copied, String subject, String text, Map<String, String> headers) {
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", String.valueOf(TestMail.get().smtpPort()));
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(smtp));
            message.setFrom(new InternetAddress(from));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            for (String address : copied) {
                message.addRecipient(Message.RecipientType.CC, new InternetAddress(address));
            }
            message.setSubject(subject);
            message.setText(text);
            // dated by the services' clock, which tests move: the desk compares a reply's Date with its request
            message.setSentDate(Date.from(GatekeepStack.get().clock().instant()));
            for (Map.Entry<String, String> header : headers.entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            Transport.send(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first mail to {@code address} whose subject contains {@code words}, once it arrives. */
    static MimeMessage received(String address, String words) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> TestMail.get().messagesTo(address).stream()
                                .filter(message -> subject(message).contains(words))
                                .findFirst()
                                .orElse(null),
                        Objects::nonNull);
    }

    static java.util.List<String> subjectsTo(String address) {
        return TestMail.get().messagesTo(address).stream()
                .map(SupportMail::subject)
                .toList();
    }

    static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(MimeMessage message) {
        try {
            return Objects.toString(message.getSubject(), "");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
