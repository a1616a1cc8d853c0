package io.gatekeep.desk.intake;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Address headers to {@link MailAddress} lists; never throws. */
final class AddressParsing {

    private static final Pattern LOOSE_ADDRESS = Pattern.compile("[^\\s<>()\\[\\],;:\"@]+@[^\\s<>()\\[\\],;:\"@]+");

    private AddressParsing() {}

    /**
     * Parses an address list. When the syntax is broken, {@code lenient} decides: addresses found by a loose pattern
     * (fine for finding a CC'd owner), or nothing (for {@code From}: an address we cannot parse is never a sender).
     */
    static List<MailAddress> parse(String value, String where, boolean lenient, List<String> notes) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        try {
            List<MailAddress> addresses = new ArrayList<>();
            for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                collect(address, where, addresses, notes);
            }
            return addresses;
        } catch (AddressException | RuntimeException e) {
            // Non-strict parsing accepts nearly anything; each address is then validated strictly, see collect.
            if (!lenient) {
                notes.add(where + " could not be parsed and is ignored");
                return List.of();
            }
            notes.add(where + " could not be parsed; addresses extracted leniently");
            List<MailAddress> addresses = new ArrayList<>();
            Matcher matcher = LOOSE_ADDRESS.matcher(value);
            while (matcher.find()) {
                addresses.add(MailAddress.of(matcher.group()));
            }
            return addresses;
        }
    }

    private static void collect(InternetAddress address, String where, List<MailAddress> into, List<String> notes)
            throws AddressException {
        if (address.isGroup()) {
            for (InternetAddress member : address.getGroup(false)) {
                collect(member, where, into, notes);
            }
            return;
        }
        String mailbox = address.getAddress();
        if (mailbox == null || mailbox.isBlank()) {
            return;
        }
        address.validate();
        String personal = address.getPersonal();
        String name = personal == null ? "" : HeaderText.singleLine(EncodedWords.decode(personal, where, notes));
        into.add(new MailAddress(mailbox, name));
    }
}
