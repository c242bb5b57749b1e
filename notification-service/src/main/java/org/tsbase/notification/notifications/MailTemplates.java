package org.tsbase.notification.notifications;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The mail texts, one resource per template ({@code mail/<template>.txt}): a {@code Subject:} line, a blank line,
 * then the body, with {@code {{name}}} placeholders. A placeholder without a value is a bug, not a blank.
 */
@Component
public class MailTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9]*)}}");
    private final Map<String, String> sources = new ConcurrentHashMap<>();

    public RenderedMail render(String template, Map<String, String> model) {
        String source = sources.computeIfAbsent(template, MailTemplates::load);
        int end = source.indexOf("\n\n");
        if (!source.startsWith("Subject:") || end < 0) {
            throw new IllegalStateException("mail template " + template + " must start with a Subject: line");
        }
        return new RenderedMail(fill(template, source.substring("Subject:".length(), end).strip(), model),
                fill(template, source.substring(end + 2), model));
    }

    private static String fill(String template, String text, Map<String, String> model) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = model.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("mail template " + template + " needs a value for " + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String load(String template) {
        String name = "mail/" + template + ".txt";
        try (InputStream in = MailTemplates.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no mail template " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record RenderedMail(String subject, String body) {
    }
}
