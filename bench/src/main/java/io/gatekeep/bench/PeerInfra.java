package io.gatekeep.bench;

import io.gatekeep.testing.TestKafka;
import io.gatekeep.testing.TestMail;

/**
 * The Kafka KRaft broker and the mail server (SMTP and IMAP, for the support desk) of {@link PeerBenchmark}'s Gatekeep
 * stack, in a JVM of their own so that the broker's CPU is measured apart from the load generator. Prints one line,
 * {@code READY <bootstrap> <smtp port> <imap port>}, and runs until its standard input closes.
 */
public final class PeerInfra {

    private PeerInfra() {}

    public static void main(String[] args) throws Exception {
        MfaVerificationBenchmark.quietLogging();
        TestKafka kafka = TestKafka.get();
        TestMail mail = TestMail.get();
        System.out.println("READY " + kafka.bootstrapServers() + " " + mail.smtpPort() + " " + mail.imapPort());
        System.out.flush();
        while (System.in.read() != -1) {
            // runs until the benchmark closes our standard input (or dies)
        }
        System.exit(0);
    }
}
