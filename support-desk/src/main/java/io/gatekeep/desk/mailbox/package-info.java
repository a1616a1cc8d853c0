/**
 * The support mailbox over IMAP: {@link io.gatekeep.desk.mailbox.MailboxReader} reads it in batches and hands each
 * message to {@link io.gatekeep.desk.mailbox.MailboxIntake}.
 */
package io.gatekeep.desk.mailbox;
