package org.tsbase.application.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.tsbase.support.web.ApiException;
import org.springframework.http.ContentDisposition;

/** Uploaded names are kept (Chinese included), made harmless, and sent back as RFC 6266/5987 prescribe. */
class FileNamesTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "台账.pdf, 台账.pdf",
            "C:\\Users\\li\\培训台账 2023.pdf, 培训台账 2023.pdf",
            "'  scan.png ', scan.png",
            "'', attachment.pdf",
            "a\"b.pdf, ab.pdf",
    })
    void namesAreCleaned(String original, String cleaned) {
        assertThat(FileNames.clean(original, FileTypes.PDF)).isEqualTo(cleaned);
    }

    /** Issue 8: traversal, paths other than an old browser's Windows path, and hidden characters are refused. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"../../etc/passwd", "..", ".", "../台账.pdf", "..\\..\\windows\\win.ini.pdf", "C:\\a\\..\\b.pdf",
            "/etc/passwd.pdf", "x/y.pdf", "\\\\server\\share\\x.pdf", "x.pdf\u0000.exe", "a\r\nX-Injected: 1.pdf",
            "fdp.\u202Eexe.pdf", "tab\there.pdf"})
    void harmfulNamesAreRefused(String original) {
        assertThatThrownBy(() -> FileNames.requireHarmless(original)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(HttpStatus.BAD_REQUEST));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"台账.pdf", "C:\\Users\\li\\培训台账 2023.pdf", "scan 1.png", "a..b.pdf", "...pdf"})
    void ordinaryNamesPass(String original) {
        FileNames.requireHarmless(original);
    }

    @Test
    void overlongNamesAreCut() {
        assertThat(FileNames.clean("名".repeat(300) + ".pdf", FileTypes.PDF)).hasSize(FileNames.MAX);
    }

    @Test
    void chineseNamesSurviveContentDisposition() {
        String header = FileNames.contentDisposition("申报表（盖章）.pdf");
        assertThat(header).startsWith("attachment; filename=\"").contains("filename*=UTF-8''");
        String encoded = header.substring(header.indexOf("UTF-8''") + 7);
        assertThat(encoded).matches("[A-Za-z0-9%!#$&+.^_`|~-]+");
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo("申报表（盖章）.pdf");
        assertThat(ContentDisposition.parse(header).getFilename()).isEqualTo("申报表（盖章）.pdf");
    }

    @Test
    void asciiNamesStayReadableInTheFallback() {
        assertThat(FileNames.contentDisposition("ledger 2023.pdf"))
                .isEqualTo("attachment; filename=\"ledger 2023.pdf\"; filename*=UTF-8''ledger%202023.pdf");
    }
}
