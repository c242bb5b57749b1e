package org.tsbase.application.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Both languages say everything, and every message code the code uses exists. */
class MessagesTest {

    static Properties load(String name) {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(MessagesTest.class.getResourceAsStream("/" + name), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    @Test
    void chineseAndEnglishHaveTheSameKeys() {
        assertThat(load("messages_en.properties").stringPropertyNames())
                .isEqualTo(load("messages.properties").stringPropertyNames());
    }

    @Test
    void everyCodeUsedInTheSourceHasAMessage() throws IOException {
        Pattern code = Pattern.compile("\"((?:v|call|application|version|action|status|type)\\.[a-z][A-Za-z0-9.-]*)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = code.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        Set<String> defined = load("messages.properties").stringPropertyNames();
        assertThat(used).isNotEmpty();
        assertThat(used).allSatisfy(c -> assertThat(defined).as("message for %s", c).contains(c));
    }

    @Test
    void everyFieldOfTheFormsHasALabel() {
        Set<String> defined = load("messages.properties").stringPropertyNames();
        for (String field : org.tsbase.application.form.Completeness.missing(
                new org.tsbase.application.form.PointForm(null, null, null, null, null))) {
            assertThat(defined).contains("field." + field);
        }
        for (String field : org.tsbase.application.form.Completeness.missing(
                new org.tsbase.application.form.ZoneForm(null, null, null, null, null))) {
            assertThat(defined).contains("field." + field);
        }
    }
}
