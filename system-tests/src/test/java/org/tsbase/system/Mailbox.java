package org.tsbase.system;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads a recipient's mailbox on the stack's mail server over IMAP, as a person's mail client would. */
final class Mailbox {

    record Mail(String subject, String body) {
    }

    private Mailbox() {
    }

    static List<Mail> read(int imapPort, String address) {
        Properties p = new Properties();
        p.put("mail.imap.host", "127.0.0.1");
        p.put("mail.imap.port", String.valueOf(imapPort));
        p.put("mail.imap.connectiontimeout", "5000");
        p.put("mail.imap.timeout", "5000");
        List<Mail> mails = new ArrayList<>();
        try {
            Store store = Session.getInstance(p).getStore("imap");
            store.connect("127.0.0.1", imapPort, address, address);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                for (Message m : inbox.getMessages()) {
                    mails.add(new Mail(m.getSubject(), text(m.getContent())));
                }
                inbox.close(false);
            } finally {
                store.close();
            }
        } catch (MessagingException | IOException e) {
            // no mailbox yet: nothing delivered to this address so far
            return List.of();
        }
        return mails;
    }

    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof jakarta.mail.Multipart mp) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < mp.getCount(); i++) {
                sb.append(text(mp.getBodyPart(i).getContent()));
            }
            return sb.toString();
        }
        return String.valueOf(content);
    }
}
