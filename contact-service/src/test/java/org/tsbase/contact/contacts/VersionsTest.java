package org.tsbase.contact.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tsbase.support.web.ApiException;

class VersionsTest {

    @ParameterizedTest(name = "If-Match {0} expects version {1}")
    @CsvSource(delimiter = '|', textBlock = """
            "3"    | 3
            3      | 3
            W/"12" | 12
            """)
    void ifMatchCarriesTheVersion(String header, long version) {
        assertThat(Versions.ifMatch(header)).isEqualTo(OptionalLong.of(version));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"*", " * "})
    void absentOrAnyMeansNoExpectation(String header) {
        assertThat(Versions.ifMatch(header)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "-1", "\"1\", \"2\"", "\""})
    void anythingElseIsABadRequest(String header) {
        assertThatThrownBy(() -> Versions.ifMatch(header)).isInstanceOf(ApiException.class)
                .hasMessage("contact.ifMatch.invalid");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 42})
    void etagIsTheQuotedVersion(long version) {
        assertThat(Versions.etag(version)).isEqualTo("\"" + version + "\"");
        assertThat(Versions.ifMatch(Versions.etag(version))).hasValue(version);
    }
}
