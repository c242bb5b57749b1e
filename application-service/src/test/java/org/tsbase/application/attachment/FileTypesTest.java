package org.tsbase.application.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files are recognised by their first bytes; names and declared types play no part. */
class FileTypesTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "255044462d312e370a25, application/pdf",   // %PDF-1.7
            "89504e470d0a1a0a0000, image/png",
            "ffd8ffe000104a464946, image/jpeg",        // JFIF
            "ffd8ffe1001845786966, image/jpeg",        // Exif
            "4d5a9000030000000400, ''",                // MZ: a Windows executable
            "504b0304140006000800, ''",                // PK: zip, docx, xlsx
            "474946383961, ''",                        // GIF89a
            "3c68746d6c3e, ''",                        // <html>
            "25504446, ''",                            // %PDF without the dash: too short to tell
            "'', ''",
    })
    void recognisedByContent(String hex, String expected) {
        Optional<String> type = FileTypes.detect(HexFormat.of().parseHex(hex));
        assertThat(type.orElse("")).isEqualTo(expected);
    }
}
