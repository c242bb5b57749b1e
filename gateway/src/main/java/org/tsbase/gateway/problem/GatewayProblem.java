package org.tsbase.gateway.problem;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

import org.springframework.http.HttpStatus;

/**
 * The errors the gateway itself answers with. Title and detail texts live in
 * {@code messages*.properties} under {@code problem.<slug>.title|detail}.
 */
public enum GatewayProblem {

    BAD_REQUEST(HttpStatus.BAD_REQUEST, "bad-request"),
    /**
     * Refused before routing: a path that is not normalized or has encoded or forbidden characters, or
     * header names or values with forbidden characters (Spring Security's firewall).
     */
    REQUEST_REJECTED(HttpStatus.BAD_REQUEST, "request-rejected"),
    /** No token at all. */
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized"),
    /** A token that is expired, badly signed, unsigned or meant for another audience. */
    INVALID_TOKEN(HttpStatus.UNAUTHORIZED, "invalid-token"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed"),
    /** A request line (URL) longer than the HTTP decoder accepts. */
    URI_TOO_LONG(HttpStatus.URI_TOO_LONG, "uri-too-long"),
    /** Request headers larger than the HTTP decoder accepts. */
    HEADERS_TOO_LARGE(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers-too-large"),
    /** Argument: the limit, e.g. {@code 1MB}. */
    PAYLOAD_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large"),
    /** Argument: seconds until a retry can succeed. */
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error"),
    BAD_GATEWAY(HttpStatus.BAD_GATEWAY, "bad-gateway"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable"),
    GATEWAY_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout"),
    /**
     * The route already has as many requests in flight as it may (its bulkhead is full): refused at
     * once, before anything reaches the service. Argument: seconds until a retry is worth it.
     */
    SERVICE_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "service-busy"),
    /** Any other status the gateway has no own text for. Argument: the HTTP reason phrase. */
    OTHER(HttpStatus.BAD_REQUEST, "request-failed");

    private static final String TYPE_PREFIX = "urn:tsbase:problem:";

    private final HttpStatus status;
    private final String slug;

    GatewayProblem(HttpStatus status, String slug) {
        this.status = status;
        this.slug = slug;
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public URI type() {
        return URI.create(TYPE_PREFIX + slug);
    }

    /** The problem for a status code, if the gateway has a text for it. */
    static Optional<GatewayProblem> forStatus(int status) {
        return Arrays.stream(values())
                .filter(p -> p != OTHER && p != INVALID_TOKEN && p != SERVICE_BUSY && p.status.value() == status)
                .findFirst();
    }
}
