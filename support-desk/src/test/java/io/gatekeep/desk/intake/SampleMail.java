package io.gatekeep.desk.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Realistic raw messages, named for the situation they stand for. Text blocks are written with LF and turned into
 * CRLF on the wire, like real mail. The desk is {@code support@desk.gatekeep.test}; the owner Olivia is asked to
 * confirm the MFA reset Max requested.
 */
public final class SampleMail {

    public static final String TOKEN = "7q4k2xj3m5n8p2r6t9v4w7y3z";
    public static final String CONFIRMATION_ID = "confirm." + TOKEN + "@desk.gatekeep.test";
    public static final String DESK = "support@desk.gatekeep.test";
    public static final String TRUSTED_AUTHSERV_ID = "mx.desk.gatekeep.test";

    private SampleMail() {}

    /** CRLF line ends, UTF-8. */
    public static byte[] raw(String text) {
        return raw(text, StandardCharsets.UTF_8);
    }

    public static byte[] raw(String text, Charset charset) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(charset);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Parses with the default limits and insists the message was accepted. */
    public static InboundMessage parsed(byte[] raw) {
        ParseOutcome outcome = MessageParser.withDefaults().parse(raw);
        assertThat(outcome).isInstanceOf(ParseOutcome.Parsed.class);
        return ((ParseOutcome.Parsed) outcome).message();
    }

    public static InboundMessage parsed(String text) {
        return parsed(raw(text));
    }

    /** Olivia approves from Gmail: top-posted "Yes, approve." above Gmail's quoted history, plain and HTML. */
    public static byte[] gmailReplyApproving() {
        return raw("""
                Return-Path: <olivia.owner@acme.example>
                Delivered-To: support@desk.gatekeep.test
                Authentication-Results: mx.desk.gatekeep.test;
                 dkim=pass (2048-bit key; unprotected) header.d=acme.example header.i=@acme.example
                 header.a=rsa-sha256 header.s=google header.b=Xk3bq9Za;
                 spf=pass (mx.desk.gatekeep.test: domain of olivia.owner@acme.example designates 209.85.128.41 as
                 permitted sender) smtp.mailfrom=olivia.owner@acme.example;
                 dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=acme.example
                Received: from mail-wm1-f41.google.com (mail-wm1-f41.google.com [209.85.128.41])
                 by mx.desk.gatekeep.test (Postfix) with ESMTPS id 4ZQ1Yd0k3Tz9sWl
                 for <support+%1$s@desk.gatekeep.test>; Tue,  3 Mar 2026 10:17:02 +0000 (UTC)
                DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=acme.example; s=google;
                 h=to:subject:message-id:date:from:in-reply-to:references:mime-version; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;
                 b=Xk3bq9ZaQ1s0mE2c
                MIME-Version: 1.0
                References: <%2$s>
                In-Reply-To: <%2$s>
                From: Olivia Owner <Olivia.Owner@Acme.Example>
                Date: Tue, 3 Mar 2026 11:16:48 +0100
                Message-ID: <CAHk9x=q2VbE4nLx0r7Zt1m3e8QJp5sWd@mail.gmail.com>
                Subject: Re: [MFA-7Q4K2] Confirm MFA reset for Max Member
                To: Gatekeep Support <support+%1$s@desk.gatekeep.test>
                Content-Type: multipart/alternative; boundary="000000000000a1b2c3d4e5f60718"

                --000000000000a1b2c3d4e5f60718
                Content-Type: text/plain; charset="UTF-8"
                Content-Transfer-Encoding: quoted-printable

                Yes, approve.

                Olivia

                On Tue, 3 Mar 2026 at 10:15, Gatekeep Support <
                support+%1$s@desk.gatekeep.test> wrote:

                > Max Member (max@acme.example) asked to switch off multi-factor
                > authentication on their account in Acme Corp. If you approve, they can sign
                > in with their password alone until they set up MFA again.
                >
                > Reply =E2=80=9Capprove=E2=80=9D to confirm or =E2=80=9Cdeny=E2=80=9D to r=
                efuse.
                >

                --000000000000a1b2c3d4e5f60718
                Content-Type: text/html; charset="UTF-8"
                Content-Transfer-Encoding: quoted-printable

                <div dir=3D"ltr">Yes, approve.<div><br></div><div>Olivia</div></div><br><div =
                class=3D"gmail_quote"><div dir=3D"ltr" class=3D"gmail_attr">On Tue, 3 Mar 2026 at=
                 10:15, Gatekeep Support &lt;<a href=3D"mailto:support+%1$s@desk.gatekeep.t=
                est">support+%1$s@desk.gatekeep.test</a>&gt; wrote:<br></div><blockquote cla=
                ss=3D"gmail_quote" style=3D"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(2=
                04,204,204);padding-left:1ex">Max Member (max@acme.example) asked to switch off=
                 multi-factor authentication.<br>Reply =E2=80=9Capprove=E2=80=9D to confirm.</bl=
                ockquote></div>

                --000000000000a1b2c3d4e5f60718--
                """.formatted(TOKEN, CONFIRMATION_ID));
    }

    /**
     * Exchange Online's out-of-office answer to the confirmation request: it quotes the token in In-Reply-To and
     * References, and its text is whatever the owner configured, here the word "Approve" itself.
     */
    public static byte[] outlookOutOfOffice() {
        return raw("""
                Return-Path: <>
                Authentication-Results: mx.desk.gatekeep.test; dkim=pass header.d=acme.example;
                 spf=pass smtp.helo=EUR05-AM6-obe.outbound.protection.outlook.com; dmarc=pass header.from=acme.example
                Received: from EUR05-AM6-obe.outbound.protection.outlook.com (mail-am6eur05on2090.outbound.protection.outlook.com [40.107.22.90])
                 by mx.desk.gatekeep.test (Postfix) with ESMTPS id 4ZQ1Yd0k3Tz9sWm; Tue,  3 Mar 2026 10:15:09 +0000 (UTC)
                From: Olivia Owner <olivia.owner@acme.example>
                To: Gatekeep Support <support+%1$s@desk.gatekeep.test>
                Subject: Automatic reply: [MFA-7Q4K2] Confirm MFA reset for Max Member
                Thread-Topic: [MFA-7Q4K2] Confirm MFA reset for Max Member
                Thread-Index: AQHZq3k2Vb4nLx0r7Zt1m3e8QJp5sQ==
                Date: Tue, 3 Mar 2026 10:15:09 +0000
                Message-ID: <AM0PR09MB4131F7B0C2E44B5A1D8E6A2FB87A2@AM0PR09MB4131.eurprd09.prod.outlook.com>
                References: <%2$s>
                In-Reply-To: <%2$s>
                Auto-Submitted: auto-generated
                X-MS-Has-Attach:
                X-Auto-Response-Suppress: All
                X-MS-Exchange-Inbox-Rules-Loop: olivia.owner@acme.example
                X-MS-TNEF-Correlator:
                x-ms-exchange-generated-message-source: Mailbox Rules Agent
                Content-Type: multipart/alternative;
                 boundary="_000_AM0PR09MB4131F7B0C2E44B5A1D8E6A2FB87A2AM0PR09MB4131eurp_"
                MIME-Version: 1.0

                --_000_AM0PR09MB4131F7B0C2E44B5A1D8E6A2FB87A2AM0PR09MB4131eurp_
                Content-Type: text/plain; charset="us-ascii"
                Content-Transfer-Encoding: quoted-printable

                Approve

                I am out of the office until Monday 9 March with limited access to email.

                --_000_AM0PR09MB4131F7B0C2E44B5A1D8E6A2FB87A2AM0PR09MB4131eurp_
                Content-Type: text/html; charset="us-ascii"
                Content-Transfer-Encoding: quoted-printable

                <html><body><div>Approve</div><div>I am out of the office until Monday 9 March.</div></body></html>

                --_000_AM0PR09MB4131F7B0C2E44B5A1D8E6A2FB87A2AM0PR09MB4131eurp_--
                """.formatted(TOKEN, CONFIRMATION_ID));
    }

    /** Postfix's bounce (RFC 3464 DSN) of a confirmation request sent to a mistyped owner address. */
    public static byte[] dsnBounce() {
        return raw("""
                Return-Path: <>
                Received: by mx.acme.example (Postfix) id 4ZQ1Yd0k3Tz9sWn; Tue,  3 Mar 2026 10:15:11 +0000 (UTC)
                Date: Tue,  3 Mar 2026 10:15:11 +0000 (UTC)
                From: MAILER-DAEMON@mx.acme.example (Mail Delivery System)
                Subject: Undelivered Mail Returned to Sender
                To: support@desk.gatekeep.test
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status;
                 boundary="4ZQ1Yd0k3Tz9sWn.1772532911/mx.acme.example"
                Content-Transfer-Encoding: 8bit
                Message-Id: <20260303101511.4ZQ1Yd0k3Tz9sWn@mx.acme.example>

                This is a MIME-encapsulated message.

                --4ZQ1Yd0k3Tz9sWn.1772532911/mx.acme.example
                Content-Description: Notification
                Content-Type: text/plain; charset=us-ascii

                This is the mail system at host mx.acme.example.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                <olivia.ownr@acme.example>: host mx.acme.example[10.0.0.7] said: 550 5.1.1
                    <olivia.ownr@acme.example>: Recipient address rejected: User unknown

                --4ZQ1Yd0k3Tz9sWn.1772532911/mx.acme.example
                Content-Description: Delivery report
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.acme.example
                X-Postfix-Queue-ID: 4ZQ1Yd0k3Tz9sWn
                Arrival-Date: Tue,  3 Mar 2026 10:15:10 +0000 (UTC)

                Final-Recipient: rfc822; olivia.ownr@acme.example
                Original-Recipient: rfc822;olivia.ownr@acme.example
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 User unknown

                --4ZQ1Yd0k3Tz9sWn.1772532911/mx.acme.example
                Content-Description: Undelivered Message Headers
                Content-Type: text/rfc822-headers
                Content-Transfer-Encoding: 8bit

                From: Gatekeep Support <support@desk.gatekeep.test>
                To: olivia.ownr@acme.example
                Subject: [MFA-7Q4K2] Confirm MFA reset for Max Member
                Message-ID: <%s>
                Auto-Submitted: auto-generated

                --4ZQ1Yd0k3Tz9sWn.1772532911/mx.acme.example--
                """.formatted(CONFIRMATION_ID));
    }

    /** Outlook on the web, HTML only, windows-1252, quoted-printable: the history follows Outlook's markers. */
    public static byte[] outlookWebHtmlOnlyDenying() {
        return raw("""
                From: Olivia Owner <olivia.owner@acme.example>
                To: Gatekeep Support <support+%1$s@desk.gatekeep.test>
                Subject: RE: [MFA-7Q4K2] Confirm MFA reset for Max Member
                Date: Tue, 3 Mar 2026 10:20:00 +0000
                Message-ID: <AM0PR09MB41317A0D3F6C8E2B9A1C5D7FB87A3@AM0PR09MB4131.eurprd09.prod.outlook.com>
                In-Reply-To: <%2$s>
                References: <%2$s>
                Content-Type: text/html; charset="Windows-1252"
                Content-Transfer-Encoding: quoted-printable
                MIME-Version: 1.0

                <html><head><meta http-equiv=3D"Content-Type" content=3D"text/html; charset=3DW=
                indows-1252"><style type=3D"text/css" style=3D"display:none;"> P {margin-top:0;m=
                argin-bottom:0;} </style></head>
                <body dir=3D"ltr"><div style=3D"font-family: Calibri, Arial, sans-serif; font-si=
                ze: 12pt;">Deny =96 I did not hear from Max about this.</div>
                <div style=3D"font-family: Calibri, Arial, sans-serif;">Olivia</div>
                <div id=3D"appendonsend"></div>
                <hr style=3D"display:inline-block;width:98%%" tabindex=3D"-1">
                <div id=3D"divRplyFwdMsg" dir=3D"ltr"><font face=3D"Calibri, sans-serif" style=3D=
                "font-size:11pt" color=3D"#000000"><b>From:</b> Gatekeep Support &lt;support+%1$s=
                @desk.gatekeep.test&gt;<br><b>Sent:</b> Tuesday, March 3, 2026 10:15 AM<br><b>T=
                o:</b> Olivia Owner &lt;olivia.owner@acme.example&gt;<br><b>Subject:</b> [MFA-7=
                Q4K2] Confirm MFA reset for Max Member</font><div>&nbsp;</div></div>
                <div><p>Max Member (max@acme.example) asked to switch off multi-factor authentica=
                tion.</p><p>Reply "approve" to confirm or "deny" to refuse.</p></div>
                </body></html>
                """.formatted(TOKEN, CONFIRMATION_ID));
    }

    /** Outlook desktop's plain-text reply: no '>' quoting, the history follows a From/Sent/To/Subject block. */
    public static String outlookDesktopPlainReply(String firstLine) {
        return """
                %s

                Olivia Owner | Acme Corp

                From: Gatekeep Support <support+%s@desk.gatekeep.test>
                Sent: Tuesday, March 3, 2026 10:15 AM
                To: Olivia Owner <olivia.owner@acme.example>
                Subject: [MFA-7Q4K2] Confirm MFA reset for Max Member

                Max Member (max@acme.example) asked to switch off multi-factor authentication.
                Reply "approve" to confirm or "deny" to refuse.
                """.formatted(firstLine, TOKEN);
    }

    /** iOS Mail: the signature line, then the attribution and history all quoted. */
    public static String iphoneReply(String firstLine) {
        return """
                %s

                Sent from my iPhone

                > On 3 Mar 2026, at 10:15, Gatekeep Support <support@desk.gatekeep.test> wrote:
                >\s
                > Max Member (max@acme.example) asked to switch off multi-factor authentication.
                > Reply "approve" to confirm or "deny" to refuse.
                """.formatted(firstLine);
    }

    /** A plain message with the given headers (one per line, no trailing newline needed) and body. */
    public static byte[] message(String headers, String body) {
        return raw(headers.strip() + "\nMIME-Version: 1.0\n\n" + body);
    }
}
