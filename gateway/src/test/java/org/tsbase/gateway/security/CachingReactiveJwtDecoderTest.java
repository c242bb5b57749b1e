package org.tsbase.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingReactiveJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");

    /** Stands in for Boot's decoder: accepts "good-*" tokens expiring at NOW + 10 min while the clock is before that. */
    private final List<String> checked = new ArrayList<>();
    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final ReactiveJwtDecoder verifying = token -> Mono.defer(() -> {
        checked.add(token);
        Instant expiresAt = NOW.plus(Duration.ofMinutes(10));
        if (!token.startsWith("good-") || !now.isBefore(expiresAt)) {
            return Mono.error(new BadJwtException("refused " + token));
        }
        return Mono.just(jwt(token, expiresAt));
    });

    @Test
    void theSameTokenIsVerifiedOnce() {
        CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(verifying, 100, clock);

        Jwt first = decoder.decode("good-1").block();
        Jwt second = decoder.decode("good-1").block();
        decoder.decode("good-2").block();

        assertThat(second).isSameAs(first);
        assertThat(checked).containsExactly("good-1", "good-2");
    }

    @Test
    void anExpiredTokenGoesBackToTheVerifyingDecoder() {
        CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(verifying, 100, clock);
        decoder.decode("good-1").block();

        now = NOW.plus(Duration.ofMinutes(10));

        assertThatThrownBy(() -> decoder.decode("good-1").block()).isInstanceOf(BadJwtException.class);
        assertThat(checked).containsExactly("good-1", "good-1");
    }

    @Test
    void refusedTokensAreNeverRemembered() {
        CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(verifying, 100, clock);

        assertThatThrownBy(() -> decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);

        assertThat(checked).containsExactly("forged", "forged");
    }

    @Test
    void sizeZeroVerifiesEveryTime() {
        CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(verifying, 0, clock);

        decoder.decode("good-1").block();
        decoder.decode("good-1").block();

        assertThat(checked).containsExactly("good-1", "good-1");
    }

    private static Jwt jwt(String token, Instant expiresAt) {
        return new Jwt(token, NOW.minusSeconds(60), expiresAt, Map.of("alg", "RS256"), Map.of("sub", "user-1"));
    }
}
