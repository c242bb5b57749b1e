package org.tsbase.application.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tsbase.support.web.ApiException;

class VersionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"\"3\"", "W/\"3\"", "3", " \"3\" "})
    void ifMatchNamesAVersion(String header) {
        assertThat(Versions.ifMatch(header)).isEqualTo(OptionalLong.of(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "\"abc\"", "\"-1\"", "\"3\", \"4\""})
    void anythingElseIs400(String header) {
        assertThatThrownBy(() -> Versions.ifMatch(header)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status().value()).isEqualTo(400));
    }

    @Test
    void editsWithoutIfMatchAre428() {
        assertThat(Versions.ifMatch(null)).isEmpty();
        assertThatThrownBy(() -> Versions.required(null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status().value()).isEqualTo(428));
        assertThat(Versions.etag(7)).isEqualTo("\"7\"");
    }
}
