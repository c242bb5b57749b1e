package org.tsbase.system.faults;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** The subjects in a recipient's mailbox, read over IMAP as a person's mail client would. */
final class Inbox {
    static final String RECEIPT = "申报已受理";
    static final String RESULT = "评分结果通知";

    private Inbox() {
    }

    /** The subjects delivered to {@code address}; empty when the server has no mailbox for it; absent when unreadable. */
    static Optional<List<String>> subjects(int imapPort, String address) {
        Properties p = new Properties();
        p.put("mail.imap.connectiontimeout", "5000");
        p.put("mail.imap.timeout", "10000");
        try {
            Store store = Session.getInstance(p).getStore("imap");
            store.connect("127.0.0.1", imapPort, address, address);
            try {
                Folder inbox = store.getFolder("INBOX");
                if (!inbox.exists()) {
                    return Optional.of(List.of());
                }
                inbox.open(Folder.READ_ONLY);
                List<String> subjects = new ArrayList<>();
                for (Message m : inbox.getMessages()) {
                    subjects.add(m.getSubject());
                }
                inbox.close(false);
                return Optional.of(subjects);
            } finally {
                store.close();
            }
        } catch (jakarta.mail.AuthenticationFailedException e) {
            return Optional.of(List.of());
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    static long count(List<String> subjects, String kind) {
        return subjects.stream().filter(s -> s != null && s.contains(kind)).count();
    }
}
