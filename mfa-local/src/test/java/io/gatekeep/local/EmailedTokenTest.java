package io.gatekeep.local;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EmailedTokenTest {

    @Test
    void findsTheTokenInTheAcceptLink() {
        String body = """
                Hello Adam,

                To accept, open this link and choose your password:

                  http://localhost:8080/invitations/accept?token=q7Zx-3_kPl9aBcDeFgHiJkLmNoPqRsTuVwXyZ012345

                -- Gatekeep
                """;

        assertThat(EmailedToken.in(body)).contains("q7Zx-3_kPl9aBcDeFgHiJkLmNoPqRsTuVwXyZ012345");
    }

    @Test
    void findsTheTokenOfTheLinkToAGivenPathOnly() {
        String body = "Confirm: http://localhost:8080/verify-email?token=abcDEF123_-x\n"
                + "Accept: http://localhost:8080/invitations/accept?token=zzz";
        assertThat(EmailedToken.inLink(body, "/verify-email")).contains("abcDEF123_-x");
        assertThat(EmailedToken.inLink(body, "/invitations/accept")).contains("zzz");
        assertThat(EmailedToken.inLink(body, "/reset-password")).isEmpty();
    }

    @Test
    void decodesAPercentEncodedToken() {
        assertThat(EmailedToken.in("https://x/accept?lang=en&token=abc%2Bdef%3D"))
                .contains("abc+def=");
    }

    @Test
    void findsATokenLineWhenThereIsNoLink() {
        assertThat(EmailedToken.in("Your invitation\nToken: AAAABBBBCCCCDDDDEEEE\nThanks"))
                .contains("AAAABBBBCCCCDDDDEEEE");
    }

    @Test
    void findsNothingInOtherMail() {
        assertThat(EmailedToken.in("You were added to Demo Org. Sign in as usual."))
                .isEmpty();
        assertThat(EmailedToken.in(null)).isEmpty();
    }

    @Test
    void readsTheTokenFromAQuotedPrintableMultipartMessage() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Open http://localhost:8080/invitations/accept?token=" + "t".repeat(30) + "Zz\n", "UTF-8");
        text.setHeader("Content-Transfer-Encoding", "quoted-printable");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Hello</p>", "text/html; charset=UTF-8");
        message.setContent(new MimeMultipart("alternative", text, html));
        message.saveChanges();

        String decoded = LocalMail.text(message);

        assertThat(decoded).doesNotContain("token=3D");
        assertThat(EmailedToken.in(decoded)).contains("t".repeat(30) + "Zz");
    }
}
