package org.tsbase.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 8 §3, after the other system tests (failsafe runs the classes in alphabetical order, and this name sorts
 * after theirs): no log line of any part of the stack holds a contact's full mobile number or e-mail address, or a
 * bearer token.
 */
@ExtendWith(SharedStack.class)
class WholeSystemLogsIT {

    /** A mainland mobile number standing alone (not inside a longer run of digits such as a timestamp). */
    static final Pattern MOBILE = Pattern.compile("(?<![0-9])1[3-9][0-9]{9}(?![0-9])");
    /** Ids (request ids, application ids) are UUIDs: their hex runs may hold eleven digits that look like a mobile. */
    static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /**
     * notification-service's ids are digests in hex (notifications 32 digits, reminder runs 16): their digit runs may
     * look like a mobile too (seen once in CI: a notification id holding eleven digits starting 166).
     */
    static final Pattern HEX_ID = Pattern.compile("(?<![0-9a-fA-F])[0-9a-f]{16,64}(?![0-9a-fA-F])");
    /** A JWT: base64url header and payload, the header starting with {@code {"}. */
    static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");

    @Test
    void noLogLineHoldsPersonalDataOrABearerToken() {
        Path logs = SharedStack.get().logDir();
        List<String> findings = new ArrayList<>();
        int lines = 0;
        try (Stream<Path> files = Files.list(logs)) {
            // mail.log is the local stand-in mail server's (GreenMail): holding recipients' addresses is its job, and
            // it logs each mailbox it creates; a real deployment sends to an SMTP relay instead
            for (Path file : files.filter(f -> f.toString().endsWith(".log") && !f.endsWith("mail.log")).sorted().toList()) {
                int n = 0;
                for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                    n++;
                    String text = new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                    check(file.getFileName() + ":" + n, text, findings);
                }
                lines += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(lines).as("log lines read in %s", logs).isPositive();
        assertThat(findings).as("personal data or tokens in the logs").isEmpty();
    }

    private static void check(String where, String line, List<String> findings) {
        Matcher mobile = MOBILE.matcher(HEX_ID.matcher(UUID.matcher(line).replaceAll("<uuid>")).replaceAll("<id>"));
        if (mobile.find()) {
            findings.add(where + ": a mobile number " + mobile.group().substring(0, 3) + "…: " + abbreviate(line));
        }
        for (String number : PersonalData.mobiles()) {
            if (line.contains(number)) {
                findings.add(where + ": the mobile number of a test contact: " + abbreviate(line));
            }
        }
        for (String email : PersonalData.emails()) {
            if (line.contains(email)) {
                findings.add(where + ": the e-mail address of a test contact: " + abbreviate(line));
            }
        }
        if (JWT.matcher(line).find()) {
            findings.add(where + ": a bearer token: " + abbreviate(line));
        }
    }

    private static String abbreviate(String line) {
        String masked = MOBILE.matcher(line).replaceAll("1**********");
        masked = JWT.matcher(masked).replaceAll("eyJ…");
        for (String email : PersonalData.emails()) {
            masked = masked.replace(email, "<e-mail>");
        }
        return masked.length() > 300 ? masked.substring(0, 300) + "…" : masked;
    }
}
