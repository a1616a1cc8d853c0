package io.gatekeep.desk.intake.automation;

/** One reason a message counts as automated; {@code detail} names the header or value that showed it. */
public record Signal(Kind kind, String detail) {

    public enum Kind {
        /** {@code Auto-Submitted} other than {@code no} (RFC 3834). */
        AUTO_SUBMITTED,
        /** {@code Precedence: bulk|junk|list|auto_reply}. */
        PRECEDENCE,
        /** A header only responders and robots set: X-Autoreply, X-Autorespond, X-Auto-Response-Suppress, … */
        AUTO_REPLY_HEADER,
        /** A subject such as "Automatic reply:" or "Undeliverable:" (defence in depth for responders without headers). */
        AUTO_REPLY_SUBJECT,
        /** multipart/report or a delivery, disposition or feedback report part: bounces, DSNs, read receipts. */
        DELIVERY_REPORT,
        /** {@code Return-Path: <>}, the null sender of bounces and auto-replies. */
        NULL_RETURN_PATH,
        /** From MAILER-DAEMON, postmaster or a no-reply mailbox. */
        SYSTEM_SENDER,
        /** {@code List-Id} or {@code List-Unsubscribe}: mailing-list or bulk traffic. */
        MAILING_LIST,
        /** Sent by the desk itself (its From address or its Message-ID domain): answering it would loop. */
        OWN_MESSAGE
    }
}
