/** The support mailbox over IMAP: Spring Integration Mail adapters feeding the intake, one message at a time. */
package io.gatekeep.desk.mailbox;
