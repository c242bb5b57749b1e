package org.tsbase.bench;

import java.time.Duration;

/**
 * An open model's arrivals: the i-th is due at {@code start + i / rate}, whatever happened to the ones before. A
 * latency measured from the due time (not from when the request finally went out) shows a stall instead of hiding it
 * (no coordinated omission).
 */
public record ArrivalSchedule(long startNanos, double ratePerSecond, long count) {

    public ArrivalSchedule {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
    }

    /** As many arrivals as fit into {@code length} at {@code ratePerSecond}. */
    public static ArrivalSchedule of(long startNanos, double ratePerSecond, Duration length) {
        long count = (long) Math.floor(ratePerSecond * length.toNanos() / 1e9);
        return new ArrivalSchedule(startNanos, ratePerSecond, count);
    }

    /** The {@link System#nanoTime()} at which arrival {@code i} is due. */
    public long intendedNanos(long i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(i);
        }
        return startNanos + Math.round(i * 1e9 / ratePerSecond);
    }

    /** When the last arrival is due plus one interval: the schedule's nominal end. */
    public long endNanos() {
        return startNanos + Math.round(count * 1e9 / ratePerSecond);
    }
}
