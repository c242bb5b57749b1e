package org.tsbase.gateway.problem;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.MDC;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 {@code application/problem+json} bodies for errors the gateway produces
 * itself, in Chinese unless the client asks for English with {@code Accept-Language}. Its 503s
 * carry {@code Retry-After} (see {@link RetryAfterProperties}); the rate limiter sets its own on 429.
 */
@Component
@EnableConfigurationProperties(RetryAfterProperties.class)
public class ProblemResponses {

    /** Exchange attribute {@code requestId} is read from, set by the request id filter. */
    public static final String REQUEST_ID_ATTRIBUTE = "org.tsbase.gateway.requestId";

    /**
     * Exchange attribute with the path the client asked for, for {@code instance}: a gateway filter
     * after a route's {@code SetPath} sees the rewritten path.
     */
    public static final String CLIENT_PATH_ATTRIBUTE = "org.tsbase.gateway.clientPath";

    /** The logging MDC key of the request id ({@code %X{requestId}} in the log pattern). */
    public static final String REQUEST_ID_MDC_KEY = "requestId";

    static final Locale DEFAULT_LOCALE = Locale.SIMPLIFIED_CHINESE;
    private static final List<Locale> SUPPORTED = List.of(Locale.CHINESE, Locale.ENGLISH);

    private final MessageSource messages;
    private final JsonMapper json;
    private final long busyRetryAfter;
    private final long unavailableRetryAfter;

    ProblemResponses(MessageSource messages, JsonMapper json, RetryAfterProperties retryAfter) {
        this.messages = messages;
        this.json = json;
        this.busyRetryAfter = RetryAfterProperties.seconds(retryAfter.busy());
        this.unavailableRetryAfter = RetryAfterProperties.seconds(retryAfter.unavailable());
    }

    /**
     * Puts the exchange's request id into the logging MDC of the current thread until closed: for
     * log lines written outside the request id filter, on whatever thread runs them (Reactor does
     * not carry thread locals from operator to operator, see RequestIdLogging).
     */
    public static MDC.MDCCloseable requestIdInMdc(ServerWebExchange exchange) {
        Object requestId = exchange.getAttribute(REQUEST_ID_ATTRIBUTE);
        return MDC.putCloseable(REQUEST_ID_MDC_KEY, requestId != null ? requestId.toString() : "");
    }

    /**
     * Answers the exchange with the problem, unless a response is already on its way (then the
     * connection is simply completed: a half-sent downstream response cannot be replaced).
     */
    public Mono<Void> write(ServerWebExchange exchange, GatewayProblem problem, Object... arguments) {
        return write(exchange, problem, problem.status(), arguments);
    }

    /** Answers with what the failure means for the client (see {@link Failure#classify}). */
    public Mono<Void> write(ServerWebExchange exchange, Throwable failure) {
        Failure classified = Failure.classify(failure);
        return write(exchange, classified.problem(), classified.status(), classified.arguments());
    }

    private Mono<Void> write(ServerWebExchange exchange, GatewayProblem problem, HttpStatusCode status,
            Object... arguments) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        Locale locale = localeOf(exchange.getRequest());
        HttpHeaders headers = response.getHeaders();
        long retryAfter = retryAfterSeconds(problem);
        if (retryAfter > 0) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
            if (problem == GatewayProblem.SERVICE_BUSY) {
                arguments = new Object[] {Long.toString(retryAfter)};
            }
        }
        byte[] body = body(exchange, problem, status, locale, arguments);
        response.setStatusCode(status);
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(body.length);
        headers.setContentLanguage(locale);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    /** Seconds for {@code Retry-After}, or 0 for a problem that has none of the gateway's own. */
    private long retryAfterSeconds(GatewayProblem problem) {
        return switch (problem) {
            case SERVICE_BUSY -> busyRetryAfter;
            case SERVICE_UNAVAILABLE -> unavailableRetryAfter;
            default -> 0;
        };
    }

    byte[] body(ServerWebExchange exchange, GatewayProblem problem, HttpStatusCode status, Locale locale,
            Object... arguments) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", problem.type().toString());
        fields.put("title", message("problem." + problem.slug() + ".title", locale));
        fields.put("status", status.value());
        fields.put("detail", message("problem." + problem.slug() + ".detail", locale, arguments));
        fields.put("instance", exchange.getAttributeOrDefault(CLIENT_PATH_ATTRIBUTE,
                exchange.getRequest().getPath().value()));
        Object requestId = exchange.getAttribute(REQUEST_ID_ATTRIBUTE);
        if (requestId != null) {
            fields.put("requestId", requestId);
        }
        return json.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The body for a request that could not even be decoded (see {@link DecodingFailureProblems}): no path, no
     * request id, no language preference; Chinese.
     */
    byte[] withoutRequest(int status) {
        GatewayProblem problem = GatewayProblem.forStatus(status).orElse(GatewayProblem.BAD_REQUEST);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", problem.type().toString());
        fields.put("title", message("problem." + problem.slug() + ".title", DEFAULT_LOCALE));
        fields.put("status", status);
        fields.put("detail", message("problem." + problem.slug() + ".detail", DEFAULT_LOCALE));
        return json.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8);
    }

    private String message(String code, Locale locale, Object... arguments) {
        return messages.getMessage(code, arguments, code, locale);
    }

    /** Chinese by default; English only when the client prefers it over Chinese. */
    static Locale localeOf(ServerHttpRequest request) {
        String header = request.getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE);
        if (header == null || header.isBlank()) {
            return DEFAULT_LOCALE;
        }
        try {
            Locale match = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
            return Locale.ENGLISH.equals(match) ? Locale.ENGLISH : DEFAULT_LOCALE;
        } catch (IllegalArgumentException malformed) {
            return DEFAULT_LOCALE;
        }
    }
}
