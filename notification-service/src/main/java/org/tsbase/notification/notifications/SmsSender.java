package org.tsbase.notification.notifications;

/**
 * A text-message gateway. None is configured yet: without a bean of this type SMS notifications are recorded as
 * FAILED ("SMS 通道未配置"), so that the notification log shows who was not reached.
 */
public interface SmsSender {

    /** Sends or throws; the message of the exception becomes the notification's last error. */
    void send(String mobilePhone, String text);
}
