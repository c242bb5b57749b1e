package org.tsbase.contact.contacts;

import java.util.OptionalLong;
import org.springframework.http.HttpStatus;
import org.tsbase.support.web.ApiException;

/** The organisation's version as an HTTP entity tag: {@code ETag: "3"}, {@code If-Match: "3"}. */
final class Versions {

    private Versions() {
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version an {@code If-Match} header expects; empty when absent or {@code *}. */
    static OptionalLong ifMatch(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return OptionalLong.empty();
        }
        String tag = header.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            if (version >= 0) {
                return OptionalLong.of(version);
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw new ApiException(HttpStatus.BAD_REQUEST, "contact.ifMatch.invalid");
    }
}
