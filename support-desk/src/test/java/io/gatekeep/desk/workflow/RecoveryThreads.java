package io.gatekeep.desk.workflow;

import io.gatekeep.desk.DeskIntegrationTest;
import io.gatekeep.desk.FakeDirectory.Person;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** The mails of a recovery thread, as people's clients write them. */
public final class RecoveryThreads {

    private RecoveryThreads() {}

    /** A request whose From domain the trusted receiving server authenticated (DMARC pass). */
    public static String request(String messageId, Person requester, String support, String cc) {
        return "Authentication-Results: " + passing(domain(requester.email())) + "\n"
                + unauthenticatedRequest(messageId, requester, support, cc);
    }

    /** The same request without any Authentication-Results: anyone can write this "as" the requester. */
    public static String unauthenticatedRequest(String messageId, Person requester, String support, String cc) {
        return """
                From: %s <%s>
                To: Gatekeep Support <%s>
                Cc: %s
                Subject: Lost my MFA recovery code
                Message-ID: <%s>
                Date: %s
                MIME-Version: 1.0
                Content-Type: text/plain; charset=UTF-8

                Hello, I lost my phone with the authenticator app and my recovery code.
                Please reset my MFA. My owner is in copy.
                """.formatted(requester.name(), requester.email(), support, cc, messageId, now());
    }

    /** A reply from {@code from} to the confirmation request, with the given token headers and auth results. */
    static String ownerReply(
            String messageId,
            String from,
            String to,
            String subject,
            String inReplyTo,
            String authenticationResults,
            String firstLine) {
        return (authenticationResults == null ? "" : "Authentication-Results: " + authenticationResults + "\n")
                + """
                From: %s
                To: %s
                Subject: Re: %s
                Message-ID: <%s>
                %sDate: %s
                MIME-Version: 1.0
                Content-Type: text/plain; charset=UTF-8

                %s

                On Tue, 3 Mar 2026 at 10:16, Gatekeep Support <support@desk.test> wrote:
                > Reply to this email with one word on the first line:
                > APPROVE or DENY
                """.formatted(
                        from,
                        to,
                        subject,
                        messageId,
                        inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\nReferences: " + inReplyTo + "\n",
                        now(),
                        firstLine);
    }

    /** The desk clock's time as a mail client writes it in {@code Date}. */
    static String now() {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(
                DeskIntegrationTest.CLOCK.instant().atZone(ZoneOffset.UTC));
    }

    static String domain(String address) {
        return address.substring(address.indexOf('@') + 1);
    }

    public static String passing(String domain) {
        return "mx.desk.test; dkim=pass header.d=" + domain + "; spf=pass; dmarc=pass header.from=" + domain;
    }

    public static String randomId() {
        return UUID.randomUUID() + "@mail.acme.example";
    }
}
