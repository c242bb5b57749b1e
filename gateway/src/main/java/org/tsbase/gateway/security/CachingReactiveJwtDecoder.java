package org.tsbase.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Verifies each distinct token once. A client sends the same bearer token with every request until
 * it expires, and checking its RS256 signature again each time was the largest single cost of the
 * gateway per request (the README's Performance section). A token string the delegate (Boot's
 * decoder: signature, audience, timestamps) has accepted is answered from memory until its
 * {@code exp}; after that, or when it was never seen, the delegate decides. Refused tokens are never
 * remembered. Only identical strings match, so nothing about a token is assumed that the delegate
 * did not check; the cache is bounded in size and forgets tokens not used for a while.
 */
final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder {

    static final Duration FORGET_UNUSED_AFTER = Duration.ofMinutes(10);

    private final ReactiveJwtDecoder delegate;
    private final Cache<String, Jwt> accepted;
    private final Clock clock;

    CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate, long maximumTokens, Clock clock) {
        this.delegate = delegate;
        this.accepted = Caffeine.newBuilder()
                .maximumSize(maximumTokens)
                .expireAfterAccess(FORGET_UNUSED_AFTER)
                .executor(Runnable::run) // evictions on the caller's thread: no pool needed for a little housekeeping
                .build();
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = accepted.getIfPresent(token);
        if (known != null) {
            if (stillValid(known)) {
                return Mono.just(known);
            }
            accepted.invalidate(token);
        }
        return delegate.decode(token).doOnNext(jwt -> {
            if (stillValid(jwt)) {
                accepted.put(token, jwt);
            }
        });
    }

    private boolean stillValid(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt != null && clock.instant().isBefore(expiresAt);
    }
}
