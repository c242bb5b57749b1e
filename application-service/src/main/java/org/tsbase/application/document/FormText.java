package org.tsbase.application.document;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;

/**
 * The words of the printed form: labels of fields and of enum values from the service's messages (Chinese: the form
 * is the notice's), answers and dates as a reader of the paper form expects them.
 */
final class FormText {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final String BLANK = "（未填写）";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final MessageSource messages;

    FormText(MessageSource messages) {
        this.messages = messages;
    }

    /** The label of a field path ({@code evidence.office.established}); the path itself if none. */
    String label(String path) {
        return message("field." + path, path);
    }

    String message(String code, String fallback) {
        try {
            return messages.getMessage(code, null, Locale.SIMPLIFIED_CHINESE);
        } catch (NoSuchMessageException e) {
            return fallback;
        }
    }

    /** An enum value in words: {@code doc.<Owner>.<Enum>.<CONSTANT>}, e.g. 涉密人员管理机制. */
    String constant(Enum<?> value) {
        Class<?> type = value.getDeclaringClass();
        String owner = type.getEnclosingClass() == null ? "" : type.getEnclosingClass().getSimpleName() + ".";
        return message("doc." + owner + type.getSimpleName() + "." + value.name(), value.name());
    }

    String answer(Object value) {
        if (value == null) {
            return BLANK;
        }
        if (value instanceof Boolean b) {
            return b ? "是" : "否";
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof LocalDate d) {
            return day(d);
        }
        if (value instanceof Instant i) {
            return minute(i);
        }
        if (value instanceof Enum<?> e) {
            return constant(e);
        }
        if (value instanceof Collection<?> c && c.isEmpty()) {
            return "无";
        }
        return value.toString();
    }

    static String day(LocalDate date) {
        return date == null ? "    年    月    日" : DAY.format(date);
    }

    /** A moment in Beijing time to the minute. */
    static String minute(Instant at) {
        return at == null ? "—" : MINUTE.format(at.atZone(BEIJING)) + "（北京时间）";
    }

    static String day(Instant at) {
        return at == null ? "    年    月    日" : DAY.format(at.atZone(BEIJING));
    }
}
