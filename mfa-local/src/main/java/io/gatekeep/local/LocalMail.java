package io.gatekeep.local;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The local SMTP+IMAP server. It accepts mail for any address and lets anyone read any mailbox over IMAP (the address
 * as user name and password; authentication is not checked), so a person can see every email the system sent.
 * Sub-addresses (RFC 5233) land in the main mailbox, as on real mail servers: a reply to
 * {@code support+<token>@localhost} reaches the desk's {@code support@localhost}.
 */
final class LocalMail implements AutoCloseable {

    private final GreenMail greenMail;

    private LocalMail(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    static LocalMail start(int smtpPort, int imapPort) {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                    new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
                })
                .withConfiguration(GreenMailConfiguration.aConfig()
                        .withDisabledAuthentication()
                        .withSieveIgnoreDetail());
        greenMail.start();
        greenMail.setUser(
                Infrastructure.SUPPORT_ADDRESS, Infrastructure.SUPPORT_ADDRESS, Infrastructure.SUPPORT_ADDRESS);
        return new LocalMail(greenMail);
    }

    /**
     * Waits for a message to {@code address} with a link to {@code linkPath} (e.g. {@code /verify-email}) that carries
     * a token, newest first.
     */
    Optional<String> awaitLinkToken(String address, String linkPath, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<MimeMessage> received = Arrays.asList(greenMail.getReceivedMessages());
            for (int i = received.size() - 1; i >= 0; i--) {
                MimeMessage message = received.get(i);
                if (isAddressedTo(message, address)) {
                    Optional<String> token = EmailedToken.inLink(text(message), linkPath);
                    if (token.isPresent()) {
                        return token;
                    }
                }
            }
            Thread.sleep(250);
        }
        return Optional.empty();
    }

    private static boolean isAddressedTo(MimeMessage message, String address) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null
                    && Arrays.stream(recipients)
                            .anyMatch(recipient ->
                                    recipient.toString().toLowerCase().contains(address.toLowerCase()));
        } catch (MessagingException e) {
            return false;
        }
    }

    /** The decoded text of every text part (quoted-printable would otherwise turn {@code token=} into {@code token=3D}). */
    static String text(Part part) {
        try {
            if (part.isMimeType("text/*")) {
                Object content = part.getContent();
                return content instanceof String text ? text + "\n" : "";
            }
            if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    text.append(text(child));
                }
                return text.toString();
            }
            return "";
        } catch (MessagingException | IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
