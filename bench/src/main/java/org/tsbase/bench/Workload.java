package org.tsbase.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One measured kind of operation of one phase: an HdrHistogram of latencies (µs) and a count per status; of the
 * refusals (429, 503) also how fast they came, from the request's sending, and whether each said when to ask again.
 */
final class Workload {

    /** Status of a request that got no HTTP answer in time. */
    static final String TIMEOUT = "timeout";
    /** Status of an awaited event that arrived (submit → score visible). */
    static final String SEEN = "seen";
    /** Status of a request whose connection failed. */
    static final String IO_ERROR = "io-error";

    private final String name;
    private final Histogram latencyMicros = new ConcurrentHistogram(3);
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder ok = new LongAdder();
    private final AtomicLong lastDoneNanos = new AtomicLong();
    private final Histogram refusalMicros = new ConcurrentHistogram(3);
    private final LongAdder refusalsUnexplained = new LongAdder();

    Workload(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** {@code status}: the HTTP status code, {@link #TIMEOUT}, {@link #IO_ERROR} or {@link #SEEN}; 2xx and seen count as done. */
    void record(String status, long startNanos, long doneNanos) {
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        latencyMicros.recordValue(Math.max(0, (doneNanos - startNanos) / 1_000));
        if (status.length() == 3 && status.charAt(0) == '2' || status.equals(SEEN)) {
            ok.increment();
        }
        lastDoneNanos.accumulateAndGet(doneNanos, Math::max);
    }

    /** As {@link #record(String, long, long)}, and a refusal's time from sending and whether it was explained. */
    void record(Http.Answer answer, long startNanos, long doneNanos) {
        record(answer.status(), startNanos, doneNanos);
        if (answer.refused()) {
            refusalMicros.recordValue(Math.max(0, (answer.answeredNanos() - answer.sentNanos()) / 1_000));
            if (!answer.refusalExplained()) {
                refusalsUnexplained.increment();
            }
        }
    }

    long ok() {
        return ok.sum();
    }

    long count() {
        return latencyMicros.getTotalCount();
    }

    long lastDoneNanos() {
        return lastDoneNanos.get();
    }

    /** Requests answered with anything but 2xx, or not answered. */
    long failures() {
        return count() - ok();
    }

    double p99Millis() {
        return latencyMicros.getValueAtPercentile(99) / 1000.0;
    }

    /** The figures of this workload; {@code seconds}: the measured window, for the throughput of 2xx answers. */
    Results.WorkloadResult result(double seconds) {
        Map<String, Long> byStatus = new TreeMap<>();
        statuses.forEach((s, n) -> byStatus.put(s, n.sum()));
        Histogram h = latencyMicros.copy();
        Histogram r = refusalMicros.copy();
        return new Results.WorkloadResult(name, h.getTotalCount(), ok(), seconds > 0 ? ok() / seconds : 0,
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getMaxValue()), byStatus, new Results.Refusals(r.getTotalCount(),
                        ms(r.getValueAtPercentile(99)), ms(r.getMaxValue()), refusalsUnexplained.sum()));
    }

    private static double ms(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }
}
