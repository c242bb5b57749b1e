package org.tsbase.support.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.tsbase.support.DependencyFailures;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error as problem+json: the framework's own (through {@link ResponseEntityExceptionHandler}, titled in the
 * caller's language), {@link ApiException}s, validation with {@code errors: [{field, message}]}, a database or
 * broker that is away or a full store as a 503 with {@code Retry-After}, and anything unexpected as a 500 that
 * reveals nothing.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    /** A database or broker that is away usually answers again within seconds (a restart, a failover). */
    static final Duration RETRY_AFTER_UNAVAILABLE = Duration.ofSeconds(5);
    /** A full store needs someone to make room; reads go on meanwhile. */
    static final Duration RETRY_AFTER_STORAGE_FULL = Duration.ofSeconds(60);

    private final ProblemWriter problems;

    public ProblemDetailsAdvice(ProblemWriter problems) {
        this.problems = problems;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
        ProblemDetail problem = problems.problem(request, e.status(), e.code(), e.args());
        if (!e.errors().isEmpty()) {
            problem.setProperty("errors", e.errors().stream()
                    .map(f -> Map.of("field", f.field(), "message", problems.text(request, f.message(), f.args())))
                    .toList());
        }
        return respond(problem);
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ProblemDetail> denied(RuntimeException e, HttpServletRequest request) {
        return respond(problems.problem(request, HttpStatus.FORBIDDEN, "problem.forbidden"));
    }

    /** A multipart body that cannot be parsed (no boundary, never closed, broken part headers) is the client's fault. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(MultipartException e, HttpServletRequest request) {
        if (e instanceof MaxUploadSizeExceededException) {
            return respond(problems.problem(request, HttpStatus.CONTENT_TOO_LARGE, "problem.status.413"));
        }
        return respond(problems.problem(request, HttpStatus.BAD_REQUEST, "problem.multipart"));
    }

    /**
     * Anything not handled above: a full store (writes refused, reads go on) or an unreachable or slow database or
     * broker is a 503 with {@code Retry-After}; the rest is a 500 that reveals nothing.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (DependencyFailures.storageFull(e)) {
            log.warn("storage full: {} {} refused", request.getMethod(), request.getRequestURI());
            ProblemDetail problem = problems.problem(request, HttpStatus.SERVICE_UNAVAILABLE, "problem.storage-full");
            problem.setTitle(problems.text(request, "problem.title.storage-full"));
            return respond(problem, RETRY_AFTER_STORAGE_FULL);
        }
        if (DependencyFailures.unavailable(e)) {
            log.warn("dependency unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), causes(e));
            return respond(problems.problem(request, HttpStatus.SERVICE_UNAVAILABLE, "problem.unavailable"),
                    RETRY_AFTER_UNAVAILABLE);
        }
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(problems.problem(request, HttpStatus.INTERNAL_SERVER_ERROR, "problem.internal"));
    }

    /** The exception classes of the chain, without messages (they may quote stored values). */
    private static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            sb.append(sb.isEmpty() ? "" : " <- ").append(t.getClass().getSimpleName());
        }
        return sb.toString();
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest servlet = ((ServletWebRequest) request).getRequest();
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(f -> errors.add(Map.of("field", f.getField(),
                "message", problems.text(servlet, String.valueOf(f.getDefaultMessage())))));
        ex.getBindingResult().getGlobalErrors().forEach(g -> errors.add(Map.of("field", g.getObjectName(),
                "message", problems.text(servlet, String.valueOf(g.getDefaultMessage())))));
        ProblemDetail problem = problems.problem(servlet, HttpStatus.BAD_REQUEST, "problem.validation");
        problem.setProperty("errors", errors);
        return new ResponseEntity<>(problem, problemHeaders(), HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest servlet = ((ServletWebRequest) request).getRequest();
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err -> errors.add(Map.of(
                "field", r.getMethodParameter().getParameterName() == null ? "?" : r.getMethodParameter().getParameterName(),
                "message", problems.text(servlet, String.valueOf(err.getDefaultMessage()))))));
        ProblemDetail problem = problems.problem(servlet, HttpStatus.BAD_REQUEST, "problem.validation");
        problem.setProperty("errors", errors);
        return new ResponseEntity<>(problem, problemHeaders(), HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest servlet = ((ServletWebRequest) request).getRequest();
        Throwable cause = ex.getCause();
        ProblemDetail problem;
        if (cause instanceof UnrecognizedPropertyException unknown) {
            problem = problems.problem(servlet, HttpStatus.BAD_REQUEST, "problem.unknown-field", unknown.getPropertyName());
            problem.setProperty("errors", List.of(Map.of("field", path(unknown),
                    "message", problems.text(servlet, "problem.unknown-field", unknown.getPropertyName()))));
        } else if (cause instanceof DatabindException bad && !bad.getPath().isEmpty()) {
            problem = problems.problem(servlet, HttpStatus.BAD_REQUEST, "problem.bad-value", path(bad));
            problem.setProperty("errors", List.of(Map.of("field", path(bad),
                    "message", problems.text(servlet, "problem.bad-value", path(bad)))));
        } else {
            problem = problems.problem(servlet, HttpStatus.BAD_REQUEST, "problem.unreadable");
        }
        return new ResponseEntity<>(problem, problemHeaders(), HttpStatus.BAD_REQUEST);
    }

    /** Framework exceptions keep their status; title and detail come from our bundles in the caller's language. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem && request instanceof NativeWebRequest nwr
                && nwr.getNativeRequest() instanceof HttpServletRequest servlet) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            if (status != null && problem.getProperties() == null) {
                ProblemDetail localized = problems.problem(servlet, status, "problem.status." + status.value());
                HttpHeaders merged = new HttpHeaders();
                if (headers != null) {
                    merged.putAll(headers);
                }
                merged.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
                return new ResponseEntity<>(localized, merged, statusCode);
            }
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static String path(DatabindException e) {
        StringBuilder sb = new StringBuilder();
        e.getPath().forEach(ref -> {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        });
        return sb.toString();
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, Duration retryAfter) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter.toSeconds())).body(problem);
    }

    private static HttpHeaders problemHeaders() {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return h;
    }
}
