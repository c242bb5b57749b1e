package org.tsbase.support.web;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounded concurrency: at most {@code max-concurrent} requests work at once; the next one waits at most
 * {@code max-wait} for a slot and is otherwise answered {@code 503} problem+json with {@code Retry-After}, quickly,
 * instead of queueing without bound behind a slow database. Health and actuator paths are never limited, so that
 * probes tell a busy service from a dead one.
 *
 * <p>The slots are a Resilience4j {@link Bulkhead} (a fair semaphore with a bounded wait). Tomcat's own limits do
 * not do this: {@code server.tomcat.threads.max} and {@code accept-count} only queue or refuse connections, which
 * a caller sees as a hang or a reset, never as a problem it can act on.
 */
public class OverloadFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(OverloadFilter.class);

    private final ProblemWriter problems;
    private final Bulkhead bulkhead;
    private final List<String> exempt;
    private final String retryAfterSeconds;

    public OverloadFilter(ProblemWriter problems, OverloadProperties properties) {
        this.problems = problems;
        this.bulkhead = Bulkhead.of("http", BulkheadConfig.custom()
                .maxConcurrentCalls(properties.maxConcurrent())
                .maxWaitDuration(properties.maxWait())
                .writableStackTraceEnabled(false)
                .build());
        this.exempt = List.copyOf(properties.exempt());
        this.retryAfterSeconds = retryAfterSeconds(properties.retryAfter());
    }

    /** Whole seconds, at least 1 (RFC 9110 {@code delay-seconds}). */
    static String retryAfterSeconds(Duration retryAfter) {
        long seconds = (retryAfter.toMillis() + 999) / 1000;
        return String.valueOf(Math.max(1, seconds));
    }

    /** The slots, for metrics and tests. */
    public Bulkhead bulkhead() {
        return bulkhead;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (String prefix : exempt) {
            if (path.startsWith(prefix) || (prefix.endsWith("/") && path.equals(prefix.substring(0, prefix.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!bulkhead.tryAcquirePermission()) {
            log.debug("busy: {} {} refused after waiting for a slot", request.getMethod(), request.getRequestURI());
            response.setHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "problem.overloaded");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            bulkhead.onComplete();
        }
    }
}
