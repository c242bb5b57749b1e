package org.tsbase.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over the limit with 413 before anything reads them. Multipart uploads have their own, larger
 * limit ({@code spring.servlet.multipart.*}). A {@code Content-Type} that names no concrete type ({@code *}{@code /*},
 * {@code application/}) is refused with 415 here too: Spring would fail on it with a 500.
 * <p>
 * A declared {@code Content-Length} is not the whole story: a chunked body has none, and a client may send more
 * than it said. So a body (other than multipart and form posts, which Tomcat parses itself within its own limits)
 * is read here, at most one byte past the limit, and handed on from memory: past the limit it is a 413 and nothing
 * behind this filter sees it. A JSON body must also decode in the charset its {@code Content-Type} names (UTF-8
 * unless one is named, as the JSON converter reads it): Jackson reads
 * an overlong UTF-8 sequence such as {@code C0 AF} as {@code /} and has no option to refuse it, the JDK's decoder
 * does (issue 8, hostile corpus).
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
        String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
        boolean parsedByTomcat = lower.startsWith("multipart/") || lower.startsWith("application/x-www-form-urlencoded");
        DataSize limit = lower.startsWith("multipart/") ? maxMultipart : maxBody;
        long length = request.getContentLengthLong();
        if (length > limit.toBytes()) {
            tooLarge(request, response, limit);
            return;
        }
        if (parsedByTomcat || !hasBody(request, length)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit.toBytes() + 1));
        } catch (IOException e) {
            // broken chunk framing, a body cut short or too slow: the connector closes the connection after this
            problems.write(request, response, HttpStatus.BAD_REQUEST, "problem.status.400");
            return;
        }
        if (body.length > limit.toBytes()) {
            tooLarge(request, response, limit);
            return;
        }
        if (json(type) && !decodes(body, MediaType.parseMediaType(type).getCharset())) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, "problem.bad-encoding");
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response, DataSize limit) throws IOException {
        problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "problem.too-large", limit.toMegabytes());
    }

    private static boolean hasBody(HttpServletRequest request, long length) {
        return length > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        MediaType media = MediaType.parseMediaType(contentType);
        return MediaType.APPLICATION_JSON.isCompatibleWith(media) || media.getSubtype().endsWith("+json");
    }

    /** Whether {@code body} is well-formed text in {@code charset} (UTF-8 when null). */
    static boolean decodes(byte[] body, Charset charset) {
        try {
            (charset == null ? StandardCharsets.UTF_8 : charset).newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The named charset; UTF-8 when none or an unknown one is named (the message converter refuses those). */
    static Charset charset(String encoding) {
        if (encoding != null) {
            try {
                return Charset.forName(encoding);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                // UTF-8 below
            }
        }
        return StandardCharsets.UTF_8;
    }

    static boolean concrete(String contentType) {
        try {
            MediaType media = MediaType.parseMediaType(contentType);
            return !media.isWildcardType() && !media.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** The request with its body already read (and checked) by this filter. */
    static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), charset(getCharacterEncoding())));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
