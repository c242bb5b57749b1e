package org.tsbase.application.attachment;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.tsbase.support.web.ApiException;

/** File names as uploaded (kept, Chinese included) and as sent back in {@code Content-Disposition} (RFC 6266/5987). */
public final class FileNames {

    static final int MAX = 200;
    private static final String ATTR_CHARS = "!#$&+-.^_`|~";
    /** What an old browser on Windows sends: the whole local path, e.g. {@code C:\Users\li\台账.pdf}. */
    private static final Pattern WINDOWS_PATH = Pattern.compile("[A-Za-z]:\\\\[^/]*");

    private FileNames() {
    }

    /**
     * 400 for a name that tries to leave its folder or to hide what it is: a {@code ..} or {@code .} segment, a path
     * other than the local Windows path an old browser sends (whose last segment {@link #clean} keeps), control
     * characters (NUL, CR, LF) and invisible format characters such as the right-to-left override.
     */
    public static void requireHarmless(String original) {
        if (original == null) {
            return;
        }
        boolean hidden = original.codePoints()
                .anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
        boolean traversal = false;
        for (String segment : original.split("[/\\\\]", -1)) {
            traversal |= segment.strip().equals("..") || segment.strip().equals(".");
        }
        boolean path = original.indexOf('/') >= 0
                || original.indexOf('\\') >= 0 && !WINDOWS_PATH.matcher(original).matches();
        if (hidden || traversal || path) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "application.attachment-name");
        }
    }

    /**
     * 400 for a part header {@code Content-Disposition} whose quoted string never closes: what is left of a file name
     * that held CR LF, which ended the header line there (the multipart parser then takes {@code "a} as the name
     * and the rest as another header). Quotes are counted as that parser reads them: a backslash escapes the next
     * character. Written here because neither Tomcat's parser nor Spring's reports the broken header.
     */
    public static void requireClosedQuotes(String contentDisposition) {
        if (contentDisposition == null) {
            return;
        }
        boolean quoted = false;
        boolean escaped = false;
        for (int i = 0; i < contentDisposition.length(); i++) {
            char c = contentDisposition.charAt(i);
            if (!escaped && c == '"') {
                quoted = !quoted;
            }
            escaped = !escaped && c == '\\';
        }
        if (quoted) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "application.attachment-name");
        }
    }

    /** The last path segment, without control characters, at most 200 characters; a default when nothing is left. */
    public static String clean(String original, String contentType) {
        String name = original == null ? "" : original;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder sb = new StringBuilder();
        name.codePoints().filter(c -> !Character.isISOControl(c) && c != '"').forEach(sb::appendCodePoint);
        name = sb.toString().strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            name = "attachment" + FileTypes.extension(contentType);
        }
        if (name.codePointCount(0, name.length()) > MAX) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX));
        }
        return name;
    }

    /**
     * {@code attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>}: browsers show the UTF-8
     * name (e.g. {@code 台账.pdf}), old clients the fallback.
     */
    public static String contentDisposition(String name) {
        StringBuilder fallback = new StringBuilder();
        name.codePoints().forEach(c -> fallback.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? (char) c : '_'));
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encode(name);
    }

    static String encode(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || ATTR_CHARS.indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }
}
