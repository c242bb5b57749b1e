package org.tsbase.system.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The bodies of corpus entries: as written, from base64, generated (huge or deep), or multipart with a file. */
public final class Bodies {

    static final String BOUNDARY = "----hostile-corpus-boundary";

    /** A body and the Content-Type it is sent with (null: none). */
    public record Body(byte[] bytes, String contentType) {
    }

    private Bodies() {
    }

    public static Body of(Corpus.Entry e, Map<String, String> values) {
        if (e.multipart() != null) {
            return new Body(multipart(e.multipart(), values),
                    e.contentType() != null ? e.contentType() : "multipart/form-data; boundary=" + BOUNDARY);
        }
        byte[] bytes = null;
        if (e.body() != null) {
            bytes = Corpus.expand(e.body(), values).getBytes(StandardCharsets.UTF_8);
        } else if (e.bodyBase64() != null) {
            bytes = Base64.getDecoder().decode(e.bodyBase64());
        } else if (e.generate() != null) {
            bytes = generate(e.generate(), values);
        }
        String type = e.contentType();
        if (type == null && bytes != null) {
            type = "application/json";
        }
        if ("none".equals(type)) {
            type = null;
        }
        return new Body(bytes, type);
    }

    /**
     * {@code {kind, ..., template}}: the generated value replaces {@code %s} in the template (placeholders expanded),
     * or is the body when there is no template.
     */
    static byte[] generate(JsonNode g, Map<String, String> values) {
        String kind = g.get("kind").asText();
        byte[] value = switch (kind) {
            case "deepArray" -> (repeat("[", g.get("depth").asInt()) + repeat("]", g.get("depth").asInt())).getBytes(StandardCharsets.UTF_8);
            case "deepObject" -> (repeat("{\"a\":", g.get("depth").asInt()) + "1" + repeat("}", g.get("depth").asInt()))
                    .getBytes(StandardCharsets.UTF_8);
            case "array" -> {
                String item = Corpus.expand(g.get("item").asText(), values);
                int count = g.get("count").asInt();
                StringBuilder sb = new StringBuilder(item.length() * count + 2).append('[');
                for (int i = 0; i < count; i++) {
                    sb.append(i == 0 ? "" : ",").append(item);
                }
                yield sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
            }
            case "string" -> ("\"" + repeat(g.has("char") ? g.get("char").asText() : "x", g.get("length").asInt()) + "\"")
                    .getBytes(StandardCharsets.UTF_8);
            case "manyKeys" -> {
                StringBuilder sb = new StringBuilder("{");
                for (int i = 0; i < g.get("count").asInt(); i++) {
                    sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
                }
                yield sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
            }
            case "filler" -> repeat("a", g.get("size").asInt()).getBytes(StandardCharsets.US_ASCII);
            case "gzipBomb" -> gzipOfZeros(g.get("size").asInt());
            default -> throw new IllegalArgumentException("unknown generator " + kind);
        };
        if (!g.has("template")) {
            return value;
        }
        String[] halves = Corpus.expand(g.get("template").asText(), values).split("%s", 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(halves[0].getBytes(StandardCharsets.UTF_8));
        out.writeBytes(value);
        out.writeBytes(halves[1].getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** {@code {filename, content, partContentType, field, kind}}: one file part (and a {@code kind} part if given). */
    static byte[] multipart(JsonNode m, Map<String, String> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String field = m.has("field") ? m.get("field").asText() : "file";
        String filename = Corpus.expand(m.get("filename").asText(), values);
        String partType = m.has("partContentType") ? m.get("partContentType").asText() : "application/pdf";
        ascii(out, "--" + BOUNDARY + "\r\n");
        out.writeBytes(("Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename + "\"\r\n")
                .getBytes(StandardCharsets.UTF_8));
        ascii(out, "Content-Type: " + partType + "\r\n\r\n");
        out.writeBytes(file(m.get("content").asText()));
        ascii(out, "\r\n");
        if (m.has("kind")) {
            ascii(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n" + m.get("kind").asText() + "\r\n");
        }
        ascii(out, "--" + BOUNDARY + "--\r\n");
        return out.toByteArray();
    }

    /** Files by kind: the accepted formats and what pretends to be one. */
    public static byte[] file(String kind) {
        return switch (kind) {
            case "pdf" -> "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
            case "png" -> new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
            case "empty" -> new byte[0];
            case "exe" -> concat("MZ".getBytes(StandardCharsets.US_ASCII), new byte[510]);
            case "elf" -> concat(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0}, new byte[120]);
            case "html" -> "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
            case "svg" -> "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8);
            case "text" -> "这不是PDF，只是文字。".getBytes(StandardCharsets.UTF_8);
            case "zip" -> zip(1024, false);
            case "zipBomb" -> zip(50 * 1024 * 1024, false);
            case "nestedZipBomb" -> zip(10 * 1024 * 1024, true);
            case "gzipBomb" -> gzipOfZeros(50 * 1024 * 1024);
            case "pdfAfterSpace" -> " %PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
            case "pdfTruncatedMagic" -> "%PD".getBytes(StandardCharsets.US_ASCII);
            case "gif" -> "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);
            default -> throw new IllegalArgumentException("unknown file kind " + kind);
        };
    }

    private static byte[] zip(int zeros, boolean nested) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.putNextEntry(new ZipEntry(nested ? "inner.zip" : "evidence.pdf"));
                if (nested) {
                    zip.write(zip(zeros, false));
                } else {
                    byte[] block = new byte[64 * 1024];
                    for (int written = 0; written < zeros; written += block.length) {
                        zip.write(block);
                    }
                }
                zip.closeEntry();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzipOfZeros(int size) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                byte[] block = new byte[64 * 1024];
                for (int written = 0; written < size; written += block.length) {
                    gz.write(block);
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String repeat(String s, int n) {
        return s.repeat(n);
    }
}
