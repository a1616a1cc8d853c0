package io.gatekeep.desk.tickets;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An owner's reply must be newer than the confirmation request it answers: it arrived after the request was queued,
 * and its {@code Date} (which DKIM signs, so a replayed old message keeps it) is not older than the request. An old
 * signed "approve" therefore cannot be replayed onto a newer request. The sender's clock may be a little behind
 * ours, hence the {@link #CLOCK_SKEW} allowance; a reply without a readable Date cannot show it is newer.
 */
public final class ReplyFreshness {

    /** How far behind ours the sender's clock may be. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(15);

    private ReplyFreshness() {}

    public static Check check(Instant requestIssuedAt, Optional<Instant> written, Instant arrived) {
        if (arrived.isBefore(requestIssuedAt)) {
            return Check.fail("reply-newer-than-request", "arrived before the confirmation request was sent");
        }
        if (written.isEmpty()) {
            return Check.fail("reply-newer-than-request", "no readable Date: cannot show the reply is newer");
        }
        return written.get().isBefore(requestIssuedAt.minus(CLOCK_SKEW))
                ? Check.fail(
                        "reply-newer-than-request",
                        "written " + written.get() + ", before the confirmation request of " + requestIssuedAt)
                : Check.pass("reply-newer-than-request", "written " + written.get() + ", after the request");
    }
}
