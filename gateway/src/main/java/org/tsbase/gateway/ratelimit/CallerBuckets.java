package org.tsbase.gateway.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * One Bucket4j token bucket per caller, in this gateway's memory: {@code burst} tokens, refilled
 * greedily at {@code requestsPerSecond}. A bucket left alone long enough to be full again is no
 * different from a new one, so it is forgotten then (and the least recently used go first once
 * {@code maxTrackedCallers} are kept). Taking a token is a lock-free update of the caller's
 * bucket, without the copying and futures of Bucket4j's distributed proxy manager.
 */
final class CallerBuckets {

    private static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(5);

    private final Bandwidth limit;
    private final Cache<String, Bucket> buckets;

    CallerBuckets(RateLimitProperties properties) {
        this.limit = Bandwidth.builder()
                .capacity(properties.burst())
                .refillGreedy(properties.requestsPerSecond(), Duration.ofSeconds(1))
                .build();
        Duration untilFull = Duration.ofMillis(
                Math.multiplyExact(properties.burst(), 1000L) / properties.requestsPerSecond() + 1);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(properties.maxTrackedCallers())
                .expireAfterAccess(untilFull.plus(KEEP_AFTER_FULL))
                .build();
    }

    /** Takes one token from the caller's bucket if there is one. */
    ConsumptionProbe tryConsume(String caller) {
        return buckets.get(caller, key -> Bucket.builder().addLimit(limit).build()).tryConsumeAndReturnRemaining(1);
    }
}
