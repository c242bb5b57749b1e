package org.tsbase.application.attachment;

import java.util.Arrays;
import java.util.Optional;

/**
 * Recognises the accepted evidence formats by their first bytes (magic numbers), never by file name or the
 * content type a client declares: a renamed executable stays refused, a PDF named {@code scan.png} is a PDF.
 */
public final class FileTypes {

    public static final String PDF = "application/pdf";
    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";

    /** How many leading bytes {@link #detect} needs. */
    public static final int HEADER = 8;

    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private FileTypes() {
    }

    /** The content type of a file starting with {@code header}, if it is one of the accepted formats. */
    public static Optional<String> detect(byte[] header) {
        if (startsWith(header, PDF_MAGIC)) {
            return Optional.of(PDF);
        }
        if (startsWith(header, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(header, JPEG_MAGIC)) {
            return Optional.of(JPEG);
        }
        return Optional.empty();
    }

    public static String extension(String contentType) {
        return switch (contentType) {
            case PDF -> ".pdf";
            case PNG -> ".png";
            case JPEG -> ".jpg";
            default -> "";
        };
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }
}
