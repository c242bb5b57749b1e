package org.tsbase.notification.notifications;

/** PENDING until sent, or until the attempts are used up (FAILED); SMS without a sender fails at once. */
public enum NotificationStatus {
    PENDING, SENT, FAILED
}
