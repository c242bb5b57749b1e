package org.tsbase.support.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/** Renders RFC 9457 problem details with localized title and detail; also for filters that run before MVC. */
public class ProblemWriter {

    public static final String TYPE_BASE = "urn:tsbase:problem:";

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final JsonMapper json;

    public ProblemWriter(MessageSource messages, LocaleResolver locales, JsonMapper json) {
        this.messages = messages;
        this.locales = locales;
        this.json = json;
    }

    public ProblemDetail problem(HttpServletRequest request, HttpStatus status, String code, Object... args) {
        Locale locale = locales.resolveLocale(request);
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(TYPE_BASE + slug(code)));
        problem.setTitle(text("problem.title." + status.value(), locale, new Object[0], status.getReasonPhrase()));
        problem.setDetail(text(code, locale, args, code));
        problem.setInstance(instance(request.getRequestURI()));
        return problem;
    }

    /** The request's path as the problem's instance; characters a URI may not hold become {@code _}. */
    static URI instance(String path) {
        if (path == null) {
            return null;
        }
        try {
            return URI.create(path);
        } catch (IllegalArgumentException e) {
            return URI.create(path.replaceAll("[^A-Za-z0-9/._~%-]", "_").replaceAll("%(?![0-9A-Fa-f]{2})", "_"));
        }
    }

    public byte[] bytes(ProblemDetail problem) {
        return json.writeValueAsBytes(problem);
    }

    public String text(String code, Locale locale, Object[] args, String fallback) {
        return messages.getMessage(code, args, fallback, locale);
    }

    public String text(HttpServletRequest request, String code, Object... args) {
        return text(code, locales.resolveLocale(request), args, code);
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
            Object... args) throws IOException {
        write(response, problem(request, status, code, args));
    }

    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    static String slug(String code) {
        return code.startsWith("problem.") ? code.substring("problem.".length()) : code;
    }
}
