package org.tsbase.support.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.ExceptionUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's last word as problem+json instead of its HTML error page: what the connector refuses before any servlet
 * or filter runs (a request line or header with invalid characters, headers or a URL over the limit, a bad
 * {@code Content-Length}, an unknown transfer coding, {@code CONNECT}, {@code TRACE}, a path it will not normalize)
 * and any other error nobody wrote a body for. Tomcat's 501 and 505 become 400s. Installed on the Host in place of Tomcat's {@link ErrorReportValve}
 * (Tomcat's documented extension point for this: {@code StandardHost#setErrorReportValveClass}); the answer names
 * neither the server nor the cause.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private final Supplier<ProblemWriter> problems;

    /** What the Host would create by itself from its {@code errorReportValveClass}: the fallback body only. */
    public ProblemErrorReportValve() {
        this(() -> null);
    }

    public ProblemErrorReportValve(Supplier<ProblemWriter> problems) {
        this.problems = problems;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            String code = null;
            if (status == 501 || status == 505) {
                // Tomcat's answer to CONNECT, an unknown transfer coding or HTTP version: what this API never takes
                // is the client's error, not a server fault (a 5xx would count against the service's own health)
                code = status == 501 ? "problem.not-implemented" : "problem.http-version";
                status = 400;
                response.setStatus(status);
            }
            byte[] body = body(request, status, code);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(body, StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response was taken over: nothing more can be said
        } catch (Throwable t) {
            ExceptionUtils.handleThrowable(t);
        }
    }

    private byte[] body(Request request, int status, String specific) {
        HttpStatus known = HttpStatus.resolve(status);
        ProblemWriter writer = problems.get();
        if (writer != null && known != null) {
            try {
                String code = specific != null ? specific
                        : known.is5xxServerError() ? "problem.internal" : "problem.status." + status;
                ProblemDetail problem = writer.problem(request, known, code);
                // the path of a request Tomcat refused may be what it could not read: not echoed
                problem.setInstance(null);
                return writer.bytes(problem);
            } catch (RuntimeException e) {
                // a request too broken to resolve a locale from, or a context that is closing: the fallback below
            }
        }
        // before the application context is ready or after it closed: the same shape, Chinese only
        return ("{\"type\":\"" + ProblemWriter.TYPE_BASE + "status." + status + "\",\"title\":\"请求无法处理\","
                + "\"status\":" + status + ",\"detail\":\"请求无法处理。\"}").getBytes(StandardCharsets.UTF_8);
    }
}
