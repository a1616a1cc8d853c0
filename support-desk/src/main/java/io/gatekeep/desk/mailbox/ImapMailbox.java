package io.gatekeep.desk.mailbox;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.search.FlagTerm;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * One open connection to the support folder, with the few IMAP commands the desk needs, each made once per batch
 * rather than once per message: search for unseen mail, fetch the UIDs and sizes of a batch, fetch the raw bytes of
 * its small messages, flag the processed ones {@code \Seen}. Bodies are read with {@code BODY.PEEK}, so reading never
 * marks a message; only {@link #markSeen} does, after the desk committed. Not thread-safe beyond what Angus Mail's
 * folder locking gives: one reader thread uses it, workers only read large messages through their {@code MimeMessage}.
 */
final class ImapMailbox implements AutoCloseable {

    private static final FlagTerm UNSEEN = new FlagTerm(new Flags(Flags.Flag.SEEN), false);

    private final IMAPStore store;
    private final IMAPFolder folder;

    private ImapMailbox(IMAPStore store, IMAPFolder folder) {
        this.store = store;
        this.folder = folder;
    }

    static ImapMailbox open(MailboxSettings settings) throws MessagingException {
        Session session = Session.getInstance(settings.javaMailProperties());
        IMAPStore store = (IMAPStore) session.getStore(settings.protocol());
        try {
            store.connect(settings.host(), settings.port(), settings.username(), settings.password());
            IMAPFolder folder = (IMAPFolder) store.getFolder(settings.folder());
            folder.open(Folder.READ_WRITE);
            return new ImapMailbox(store, folder);
        } catch (MessagingException | RuntimeException e) {
            closeQuietly(store);
            throw e;
        }
    }

    boolean offersIdle() throws MessagingException {
        return store.hasCapability("IDLE");
    }

    /** Up to {@code max} messages not yet flagged {@code \Seen}, oldest first, with their UID and size fetched. */
    List<Message> unseen(int max) throws MessagingException {
        Message[] found = folder.search(UNSEEN);
        Message[] batch = Arrays.copyOf(found, Math.min(max, found.length));
        FetchProfile uidAndSize = new FetchProfile();
        uidAndSize.add(UIDFolder.FetchProfileItem.UID);
        uidAndSize.add(FetchProfile.Item.SIZE);
        folder.fetch(batch, uidAndSize);
        return List.of(batch);
    }

    long uid(Message message) throws MessagingException {
        return folder.getUID(message);
    }

    /**
     * The whole raw source (RFC 5322 bytes) of each message, by UID, in one {@code UID FETCH}. A message expunged
     * meanwhile is simply absent from the answer.
     */
    Map<Long, byte[]> rawSources(List<Long> uids) throws MessagingException {
        if (uids.isEmpty()) {
            return Map.of();
        }
        String set = uids.stream().map(String::valueOf).collect(Collectors.joining(","));
        @SuppressWarnings("unchecked")
        Map<Long, byte[]> fetched = (Map<Long, byte[]>) folder.doCommand(protocol -> {
            Response[] responses = protocol.command("UID FETCH " + set + " (UID BODY.PEEK[])", null);
            Map<Long, byte[]> sources = new HashMap<>();
            for (int i = 0; i < responses.length - 1; i++) {
                if (responses[i] instanceof FetchResponse fetch) {
                    UID uid = fetch.getItem(UID.class);
                    BODY body = fetch.getItem(BODY.class);
                    if (uid != null && body != null && body.getByteArray() != null) {
                        sources.put(uid.uid, body.getByteArray().getNewBytes());
                        responses[i] = null; // consumed here; the folder's handlers get the rest
                    }
                }
            }
            protocol.notifyResponseHandlers(responses);
            protocol.handleResult(responses[responses.length - 1]);
            return sources;
        });
        return fetched;
    }

    /** Flags the messages {@code \Seen} with one {@code STORE}. */
    void markSeen(List<Message> messages) throws MessagingException {
        if (!messages.isEmpty()) {
            folder.setFlags(messages.toArray(Message[]::new), new Flags(Flags.Flag.SEEN), true);
        }
    }

    /**
     * Blocks in IMAP IDLE until the server reports a change or {@link #interruptIdle} is called from another thread
     * (Angus Mail ends the IDLE when another thread uses the folder).
     */
    void idle() throws MessagingException {
        folder.idle(true);
    }

    /**
     * Ends a running {@link #idle}: a {@code NOOP} from another thread makes Angus Mail send {@code DONE} first. (Not
     * {@code isOpen()}, which skips its probe within a second of the connection's last command and so may leave the
     * IDLE running.)
     */
    void interruptIdle() {
        try {
            folder.doCommand(protocol -> {
                protocol.noop();
                return null;
            });
        } catch (MessagingException | RuntimeException e) {
            // the connection is going or gone: the reader finds out on its next command
        }
    }

    /** Calls {@code listener} (on Jakarta Mail's event thread) whenever the server reports new messages. */
    void onNewMail(Runnable listener) {
        folder.addMessageCountListener(new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent event) {
                listener.run();
            }
        });
    }

    @Override
    public void close() {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            // the connection is being discarded anyway
        }
        closeQuietly(store);
    }

    private static void closeQuietly(IMAPStore store) {
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            // nothing to keep
        }
    }

    /** Where and how to connect; see {@code gatekeep.desk.mailbox.*}. */
    record MailboxSettings(
            String protocol,
            String host,
            int port,
            String username,
            String password,
            String folder,
            Properties javaMailProperties) {

        @Override
        public String toString() {
            return username + "@" + host + ":" + port + "/" + folder; // no password
        }
    }
}
