package org.tsbase.notification.notifications;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The id of a notification: the same event, contact and channel always give the same id. */
final class NotificationIds {

    private NotificationIds() {
    }

    static String of(String eventId, String contactId, Channel channel) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(
                    (eventId + '\n' + contactId + '\n' + channel.name()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
