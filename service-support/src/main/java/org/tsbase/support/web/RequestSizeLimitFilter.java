package org.tsbase.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over the limit with 413 before anything reads them. Multipart uploads have their own, larger
 * limit ({@code spring.servlet.multipart.*}). A {@code Content-Type} that names no concrete type ({@code *}{@code /*},
 * {@code application/}) is refused with 415 here too: Spring would fail on it with a 500.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;
    private final DataSize maxBody;
    private final DataSize maxMultipart;

    public RequestSizeLimitFilter(ProblemWriter problems, DataSize maxBody, DataSize maxMultipart) {
        this.problems = problems;
        this.maxBody = maxBody;
        this.maxMultipart = maxMultipart;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && !concrete(type)) {
            problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "problem.status.415");
            return;
        }
        DataSize limit = type != null && type.toLowerCase().startsWith("multipart/") ? maxMultipart : maxBody;
        long length = request.getContentLengthLong();
        if (length > limit.toBytes()) {
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "problem.too-large", limit.toMegabytes());
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean concrete(String contentType) {
        try {
            MediaType media = MediaType.parseMediaType(contentType);
            return !media.isWildcardType() && !media.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
