package org.tsbase.application.form;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.tsbase.application.web.Problems;
import org.tsbase.events.ApplicationType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the type-dependent parts of a form ({@code organization}, {@code evidence}) into the typed records of that
 * type, strictly: unknown fields, fields of the other type, keys that look like MongoDB operators ({@code $…}) or
 * paths ({@code a.b}), fractions for counts and strings for numbers or booleans are refused, never ignored.
 */
public final class FormReader {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .withCoercionConfig(LogicalType.Textual, FormReader::noScalarsAsText)
            .build();

    /** A number or boolean where text belongs (a postal code 100043, a phone 13812345678) is refused, not converted. */
    public static void noScalarsAsText(MutableCoercionConfig config) {
        config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    private FormReader() {
    }

    /** The form of {@code type} from its parts; problems of the parts that could not be read go to {@code problems}. */
    public static ApplicationForm read(ApplicationType type, JsonNode organization, Contact contact,
            String workDescription, JsonNode evidence, ApplicantOpinion opinion, Problems problems) {
        if (type == ApplicationType.POINT) {
            return new PointForm(part(organization, PointOrganization.class, "organization", problems).orElse(null),
                    contact, workDescription,
                    part(evidence, PointEvidence.class, "evidence", problems).orElse(null), opinion);
        }
        return new ZoneForm(part(organization, ZoneOrganization.class, "organization", problems).orElse(null),
                contact, workDescription,
                part(evidence, ZoneEvidence.class, "evidence", problems).orElse(null), opinion);
    }

    static <T> Optional<T> part(JsonNode node, Class<T> type, String path, Problems problems) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            problems.addRaw(path, "problem.bad-value", path);
            return Optional.empty();
        }
        int before = problems.list().size();
        forbiddenKeys(node, path, problems);
        if (problems.list().size() > before) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(STRICT.treeToValue(node, type));
        } catch (UnrecognizedPropertyException e) {
            problems.addRaw(path + "." + path(e), "problem.unknown-field", e.getPropertyName());
        } catch (JacksonException e) {
            String at = e.getPath().isEmpty() ? path : path + "." + path(e);
            problems.addRaw(at, "problem.bad-value", at);
        }
        return Optional.empty();
    }

    /** Keys a document store could read as operators or paths: {@code $ne}, {@code a.b}. */
    static void forbiddenKeys(JsonNode node, String path, Problems problems) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey();
                String at = path + "." + key;
                if (key.startsWith("$") || key.contains(".") || key.indexOf('\0') >= 0) {
                    problems.addRaw(at, "v.key-forbidden", key);
                } else {
                    forbiddenKeys(field.getValue(), at, problems);
                }
            }
        } else if (node.isArray()) {
            Iterator<JsonNode> items = node.iterator();
            for (int i = 0; items.hasNext(); i++) {
                forbiddenKeys(items.next(), path + "[" + i + "]", problems);
            }
        }
    }

    private static String path(JacksonException e) {
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
}
