package io.gatekeep.desk.intake.authresults;

/** Whether the trusted server authenticated the sender's domain, and on what evidence or why not. */
public sealed interface SenderVerdict {

    boolean authenticated();

    /** @param method {@code dmarc} or {@code dkim}; @param evidence the result that passed, e.g. {@code dkim=pass header.d=acme.example} */
    record Authenticated(String method, String evidence) implements SenderVerdict {

        @Override
        public boolean authenticated() {
            return true;
        }
    }

    record NotAuthenticated(Reason reason, String detail) implements SenderVerdict {

        @Override
        public boolean authenticated() {
            return false;
        }
    }

    enum Reason {
        /** No Authentication-Results header from the trusted authserv-id (others are ignored: anyone can write them). */
        NO_TRUSTED_RESULTS,
        /** The trusted server says DMARC failed for the sender's domain. */
        DMARC_FAILED,
        /** Neither a DMARC pass for the domain nor a DKIM pass aligned with it. */
        NOT_ALIGNED,
        /** The topmost trusted header passes but another one claiming the trusted id fails: one of them is forged. */
        CONFLICTING_RESULTS
    }
}
