package org.tsbase.application.web;

import java.util.OptionalLong;
import org.springframework.http.HttpStatus;
import org.tsbase.support.web.ApiException;

/** The document version as an HTTP entity tag: {@code ETag: "3"}; {@code If-Match: "3"} (also {@code W/"3"} or {@code 3}). */
public final class Versions {

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version an {@code If-Match} header names, if the header is there; 400 when it names no version. */
    public static OptionalLong ifMatch(String header) {
        if (header == null || header.isBlank()) {
            return OptionalLong.empty();
        }
        String v = header.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            long version = Long.parseLong(v);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return OptionalLong.of(version);
        } catch (NumberFormatException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "version.if-match-invalid", header);
        }
    }

    /** Edits must say which version they change: 428 without {@code If-Match}. */
    public static long required(String header) {
        OptionalLong version = ifMatch(header);
        if (version.isEmpty()) {
            throw new ApiException(HttpStatus.PRECONDITION_REQUIRED, "version.if-match-required");
        }
        return version.getAsLong();
    }

    public static ApiException stale(long expected, long current) {
        return ApiException.conflict("version.stale", String.valueOf(expected), String.valueOf(current));
    }
}
