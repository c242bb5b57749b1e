package org.tsbase.application.call;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** How calls' times appear in messages: minutes in Beijing time. */
public final class CallText {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Call.ZONE);

    private CallText() {
    }

    public static String minute(Instant instant) {
        return MINUTE.format(instant);
    }
}
