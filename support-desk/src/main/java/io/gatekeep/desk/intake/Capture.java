package io.gatekeep.desk.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Receives a message's bytes: hashes all of them (the content hash must cover the whole message) but keeps only the
 * first {@code keep} bytes, so an oversized message costs no more heap than the size limit. A {@linkplain #head head}
 * capture instead ends the copy once it holds {@code keep} bytes, so the source downloads no more than that.
 */
final class Capture extends OutputStream {

    private final MessageDigest digest = DedupeKey.sha256();
    private final long keep;
    private final boolean stopWhenFull;
    private byte[] buffer = new byte[64 * 1024];
    private int kept;
    private long total;

    Capture(long keep) {
        this(keep, false);
    }

    private Capture(long keep, boolean stopWhenFull) {
        this.keep = keep;
        this.stopWhenFull = stopWhenFull;
    }

    /** A capture whose writes fail with {@link Full} once it holds {@code keep} bytes: the writer's copy loop ends. */
    static Capture head(long keep) {
        return new Capture(keep, true);
    }

    /** Ends a source's copy into a {@linkplain #head head} capture that holds all it keeps. */
    static final class Full extends IOException {
        private Full() {
            super("the capture holds all it keeps");
        }
    }

    static Capture of(InputStream in, long keep) throws IOException {
        Capture capture = new Capture(keep);
        in.transferTo(capture);
        return capture;
    }

    @Override
    public void write(int b) throws Full {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws Full {
        if (stopWhenFull && full()) {
            throw new Full();
        }
        digest.update(bytes, offset, length);
        total += length;
        int room = (int) Math.min(length, keep - kept);
        if (room <= 0) {
            return;
        }
        if (kept + room > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(keep, Math.max((long) buffer.length * 2, kept + room)));
        }
        System.arraycopy(bytes, offset, buffer, kept, room);
        kept += room;
        if (stopWhenFull && full()) {
            throw new Full();
        }
    }

    boolean full() {
        return kept >= keep;
    }

    byte[] buffer() {
        return buffer;
    }

    int kept() {
        return kept;
    }

    long total() {
        return total;
    }

    String sha256Hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
