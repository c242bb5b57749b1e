package org.tsbase.application.call;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

final class CallText {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Call.ZONE);

    private CallText() {
    }

    static String minute(Instant instant) {
        return MINUTE.format(instant);
    }
}
