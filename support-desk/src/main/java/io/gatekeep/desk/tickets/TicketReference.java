package io.gatekeep.desk.tickets;

import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ticket's human reference, {@code MFA-7Q4K2}: five characters over an alphabet without look-alikes (no 0/O, 1/I/L,
 * U/V), put in every subject as {@code [MFA-7Q4K2]}. Not a secret: it only finds the thread.
 */
public record TicketReference(String value) {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ";
    private static final Pattern FORM = Pattern.compile("MFA-[" + ALPHABET + "]{5}");
    private static final Pattern IN_SUBJECT =
            Pattern.compile("\\[(MFA-[" + ALPHABET + "]{5})]", Pattern.CASE_INSENSITIVE);

    public TicketReference {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a ticket reference: " + value);
        }
    }

    public static TicketReference random(RandomGenerator random) {
        StringBuilder value = new StringBuilder("MFA-");
        for (int i = 0; i < 5; i++) {
            value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new TicketReference(value.toString());
    }

    /** The reference in a subject's {@code [MFA-XXXXX]} tag, if any. */
    public static Optional<TicketReference> inSubject(String subject) {
        Matcher matcher = IN_SUBJECT.matcher(subject == null ? "" : subject);
        return matcher.find()
                ? Optional.of(new TicketReference(matcher.group(1).toUpperCase(java.util.Locale.ROOT)))
                : Optional.empty();
    }

    public String subjectTag() {
        return "[" + value + "]";
    }

    @Override
    public String toString() {
        return value;
    }
}
