package io.gatekeep.desk.intake;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A mailbox address, normalised: trimmed and lower-cased (local part included: the desk compares addresses with
 * registered ones case-insensitively), so two spellings of one mailbox are equal.
 *
 * @param address {@code local@domain}, normalised
 * @param displayName the decoded display name, empty when none
 */
public record MailAddress(String address, String displayName) {

    public MailAddress {
        address = normalise(Objects.requireNonNull(address, "address"));
        displayName = displayName == null ? "" : displayName.strip();
    }

    public static MailAddress of(String address) {
        return new MailAddress(address, "");
    }

    /** Trimmed and lower-cased; surrounding angle brackets removed. */
    public static String normalise(String address) {
        String trimmed = address.strip();
        if (trimmed.startsWith("<") && trimmed.endsWith(">")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1).strip();
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    public String localPart() {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }

    /** The domain, empty when the address has none. */
    public String domain() {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }

    /**
     * The token of a plus address when this address is {@code mailbox} with a {@code +token} tag:
     * {@code support+k3x9@desk.example} for mailbox {@code support@desk.example} gives {@code k3x9}. Tokens come back
     * lower-cased (addresses are normalised, and mail systems may change case), so they must use a case-insensitive
     * alphabet.
     */
    public Optional<String> plusToken(MailAddress mailbox) {
        String local = localPart();
        int plus = local.indexOf('+');
        if (plus < 0
                || !domain().equals(mailbox.domain())
                || !local.substring(0, plus).equals(mailbox.localPart())) {
            return Optional.empty();
        }
        String token = local.substring(plus + 1);
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    @Override
    public String toString() {
        return displayName.isEmpty() ? address : displayName + " <" + address + ">";
    }
}
