package io.gatekeep.testing;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/**
 * One real SMTP+IMAP server (GreenMail) per JVM, on free ports. It accepts mail for any address and lets anyone log in
 * over IMAP with any password, like the local stack's mail server (sub-addresses included).
 */
public final class TestMail {

    private static TestMail instance;

    private final GreenMail greenMail;

    private TestMail(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    public static synchronized TestMail get() {
        if (instance == null) {
            ServerSetup smtp = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            ServerSetup imap = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
            GreenMail greenMail = new GreenMail(new ServerSetup[] {smtp, imap})
                    // sub-addresses land in the main mailbox, as on real servers and the local stack's: a reply to
                    // support+<token>@… reaches the desk's support mailbox
                    .withConfiguration(GreenMailConfiguration.aConfig()
                            .withDisabledAuthentication()
                            .withSieveIgnoreDetail());
            greenMail.start();
            Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop));
            instance = new TestMail(greenMail);
        }
        return instance;
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    /** Every message delivered so far to {@code address}. */
    public List<MimeMessage> messagesTo(String address) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(message -> isAddressedTo(message, address))
                .toList();
    }

    private static boolean isAddressedTo(MimeMessage message, String address) {
        try {
            return message.getAllRecipients() != null
                    && Arrays.stream(message.getAllRecipients())
                            .anyMatch(recipient ->
                                    recipient.toString().toLowerCase().contains(address.toLowerCase()));
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }
}
