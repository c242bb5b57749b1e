package org.tsbase.support.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An error a client can act on. The message is a code into the message bundles ({@code messages*.properties}),
 * rendered as problem+json in the caller's language (Chinese by default).
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Object[] args;
    private final List<FieldProblem> errors;

    public ApiException(HttpStatus status, String code, Object... args) {
        this(status, List.of(), code, args);
    }

    public ApiException(HttpStatus status, List<FieldProblem> errors, String code, Object... args) {
        super(code);
        this.status = status;
        this.code = code;
        this.args = args;
        this.errors = List.copyOf(errors);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** 404, also for another organisation's resource: never tells whether it exists. */
    public static ApiException notFound(String code, Object... args) {
        return new ApiException(HttpStatus.NOT_FOUND, code, args);
    }

    /** 409: conflicting state or a stale version. */
    public static ApiException conflict(String code, Object... args) {
        return new ApiException(HttpStatus.CONFLICT, code, args);
    }

    /** 422: a rule of the call, such as a closed window. */
    public static ApiException ruleViolated(String code, Object... args) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, code, args);
    }

    /** 400 with one entry per offending field. */
    public static ApiException invalid(List<FieldProblem> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, errors, "problem.validation");
    }

    public static ApiException forbidden() {
        return new ApiException(HttpStatus.FORBIDDEN, "problem.forbidden");
    }

    /**
     * One invalid field. {@code message} is a message code with its {@code args}; the rendered text replaces it in
     * the response.
     */
    public record FieldProblem(String field, String message, Object... args) {
    }
}
