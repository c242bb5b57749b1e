package org.tsbase.notification.notifications;

import java.util.Optional;

public enum Channel {
    EMAIL, SMS;

    static Optional<Channel> of(String name) {
        for (Channel c : values()) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
