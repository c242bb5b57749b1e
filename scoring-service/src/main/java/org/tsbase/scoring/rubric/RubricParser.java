package org.tsbase.scoring.rubric;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a rubric document (YAML, or JSON when it starts with '{') and validates it. Every problem found is
 * reported together, so an administrator fixes an upload in one go.
 *
 * <p>YAML is read with SnakeYAML's {@link SafeConstructor} (plain maps, lists and scalars only; no YAML
 * tag can create a Java object), with few aliases and a nesting limit; JSON with Jackson into plain maps
 * and lists. Both refuse duplicate keys, and read decimals as exact {@link BigDecimal}s.
 */
public final class RubricParser {

    /** Larger documents are refused before parsing. */
    public static final int MAX_DOCUMENT_CHARS = 200_000;

    private static final Pattern RUBRIC_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
    private static final Pattern CRITERION_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,15}");
    private static final Pattern ITEM_SUFFIX = Pattern.compile("[A-Za-z0-9_]{1,16}");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> TOP_KEYS = Set.of("id", "version", "type", "title", "source", "description",
            "baseMax", "bonusCap", "passMark", "activitiesCriterion", "review", "criteria");
    private static final Set<String> REVIEW_KEYS = Set.of("spreadFlagShare", "reasonRequiredShare");
    private static final Set<String> CRITERION_KEYS = Set.of("id", "title", "max", "bonus", "items");
    private static final Set<String> ITEM_KEYS = Set.of("id", "text", "points", "rule", "reviewerOnly");

    private RubricParser() {
    }

    /**
     * Parses and validates a rubric document.
     *
     * @throws InvalidRubricException with every reason the document cannot be used
     */
    public static RubricDefinition parse(String yamlOrJson) {
        if (yamlOrJson == null || yamlOrJson.isBlank()) {
            throw new InvalidRubricException(List.of("the document is empty"));
        }
        if (yamlOrJson.length() > MAX_DOCUMENT_CHARS) {
            throw new InvalidRubricException(List.of("the document is longer than " + MAX_DOCUMENT_CHARS + " characters"));
        }
        Object document;
        try {
            document = yamlOrJson.strip().startsWith("{") ? JSON.readValue(yamlOrJson, Object.class)
                    : yaml().load(yamlOrJson);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw unreadable(mark == null ? -1 : mark.getLine() + 1, mark == null ? -1 : mark.getColumn() + 1);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            throw unreadable(at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr());
        } catch (YAMLException | ArithmeticException | NumberFormatException e) {
            throw unreadable(-1, -1);
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw new InvalidRubricException(List.of("the document must be a mapping with id, version, type, ... criteria"));
        }
        return new Validation().read(root);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(MAX_DOCUMENT_CHARS * 2);
        return new Yaml(new ExactNumbers(options));
    }

    /** Safe construction, with YAML floats read as exact decimals (2.5 stays 2.5, 0.1 stays 0.1). */
    private static final class ExactNumbers extends SafeConstructor {
        ExactNumbers(LoaderOptions options) {
            super(options);
            this.yamlConstructors.put(Tag.FLOAT, new AbstractConstruct() {
                @Override
                public Object construct(org.yaml.snakeyaml.nodes.Node node) {
                    String text = constructScalar((ScalarNode) node).replace("_", "");
                    try {
                        return new BigDecimal(text);
                    } catch (NumberFormatException e) {
                        return text; // .inf, .nan: reported as "not a number" by the validation
                    }
                }
            });
        }
    }

    /**
     * The refusal of a document that cannot be read, in plain words and with its position when the reader knows it:
     * the reader's own message names its classes and echoes the input (a YAML tag such as
     * {@code !!javax.script.ScriptEngineManager}), neither of which belongs in an answer.
     */
    private static InvalidRubricException unreadable(int line, int column) {
        String where = line > 0 && column > 0 ? "（第 " + line + " 行第 " + column + " 列）" : "";
        return new InvalidRubricException(List.of(
                "文档不是有效的 YAML 或 JSON" + where + "：只允许映射、列表和普通值，键不得重复，不允许类型标签。"));
    }

    /** Reads the tree into records, collecting reasons instead of stopping at the first. */
    private static final class Validation {

        private final List<String> reasons = new ArrayList<>();

        RubricDefinition read(Map<?, ?> root) {
            unknownKeys("rubric", root, TOP_KEYS);
            String id = text(root, "id", "rubric");
            if (id != null && !RUBRIC_ID.matcher(id).matches()) {
                reasons.add("rubric id '" + id + "' must be lower-case letters, digits and '-' (e.g. sjs-point-2023)");
            }
            Integer version = positiveInt(root, "version", "rubric");
            RubricType type = type(root);
            String title = text(root, "title", "rubric");
            BigDecimal baseMax = points(root, "baseMax", "rubric", true);
            BigDecimal bonusCap = root.containsKey("bonusCap") ? points(root, "bonusCap", "rubric", false) : null;
            if (!root.containsKey("bonusCap")) {
                reasons.add("rubric: bonusCap must be declared (0 if the standard has no bonus)");
            }
            BigDecimal passMark = points(root, "passMark", "rubric", true);
            String activities = text(root, "activitiesCriterion", "rubric");
            ReviewPolicy review = review(root.get("review"));
            List<CriterionDraft> criteria = criteria(root.get("criteria"), type);

            checkIds(criteria);
            checkSums(criteria, baseMax, bonusCap);
            if (activities != null && !criteria.isEmpty()) {
                criteria.stream().filter(c -> activities.equals(c.id)).findFirst().ifPresentOrElse(
                        c -> {
                            if (c.bonus) {
                                reasons.add("activitiesCriterion " + activities + " must not be the bonus criterion");
                            }
                        },
                        () -> reasons.add("activitiesCriterion " + activities + " is not a criterion of this rubric"));
            }
            if (passMark != null && baseMax != null && bonusCap != null
                    && passMark.compareTo(baseMax.add(bonusCap)) > 0) {
                reasons.add("passMark " + plain(passMark) + " is above the highest possible total "
                        + plain(baseMax.add(bonusCap)));
            }
            if (passMark != null && passMark.signum() == 0) {
                reasons.add("passMark must be above 0");
            }
            if (!reasons.isEmpty()) {
                throw new InvalidRubricException(reasons);
            }
            return new RubricDefinition(id, version, type, title, baseMax, bonusCap, passMark, activities, review,
                    criteria.stream().map(CriterionDraft::build).toList());
        }

        /** A criterion as read; any field may be null where the document was wrong (a reason is recorded). */
        private static final class CriterionDraft {
            String id;
            String title;
            BigDecimal max;
            boolean bonus;
            final List<ItemDraft> items = new ArrayList<>();
            boolean itemsComplete;

            CriterionDefinition build() {
                return new CriterionDefinition(id, title, max, bonus, items.stream().map(ItemDraft::build).toList());
            }
        }

        private static final class ItemDraft {
            String id;
            String text;
            BigDecimal points;
            String rule;
            boolean reviewerOnly;

            ItemDefinition build() {
                return new ItemDefinition(id, text, points, rule, reviewerOnly);
            }
        }

        private RubricType type(Map<?, ?> root) {
            String raw = text(root, "type", "rubric");
            if (raw == null) {
                return null;
            }
            try {
                return RubricType.valueOf(raw);
            } catch (IllegalArgumentException e) {
                reasons.add("rubric type '" + raw + "' must be POINT or ZONE");
                return null;
            }
        }

        private ReviewPolicy review(Object raw) {
            if (!(raw instanceof Map<?, ?> map)) {
                reasons.add("rubric: review {spreadFlagShare, reasonRequiredShare} must be declared");
                return null;
            }
            unknownKeys("review", map, REVIEW_KEYS);
            BigDecimal spread = share(map, "spreadFlagShare");
            BigDecimal reason = share(map, "reasonRequiredShare");
            return spread == null || reason == null ? null : new ReviewPolicy(spread, reason);
        }

        private BigDecimal share(Map<?, ?> map, String key) {
            BigDecimal value = number(map.get(key), "review." + key);
            if (value != null && (value.signum() <= 0 || value.compareTo(BigDecimal.ONE) > 0)) {
                reasons.add("review." + key + " must be a share above 0 and at most 1, found " + value.toPlainString());
                return null;
            }
            return value;
        }

        private List<CriterionDraft> criteria(Object raw, RubricType type) {
            List<CriterionDraft> result = new ArrayList<>();
            if (!(raw instanceof List<?> list) || list.isEmpty()) {
                reasons.add("rubric: criteria must be a non-empty list");
                return result;
            }
            for (int i = 0; i < list.size(); i++) {
                String where = "criteria[" + i + "]";
                CriterionDraft c = new CriterionDraft();
                result.add(c);
                if (!(list.get(i) instanceof Map<?, ?> map)) {
                    reasons.add(where + " must be a mapping");
                    continue;
                }
                c.id = text(map, "id", where);
                if (c.id != null) {
                    where = c.id;
                    if (!CRITERION_ID.matcher(c.id).matches()) {
                        reasons.add("criterion id '" + c.id + "' must be a letter followed by letters or digits (e.g. P6)");
                    }
                }
                unknownKeys(where, map, CRITERION_KEYS);
                c.title = text(map, "title", where);
                c.max = points(map, "max", where, true);
                if (c.max != null && c.max.signum() == 0) {
                    reasons.add(where + ": max must be above 0");
                }
                c.bonus = flag(map, "bonus", where);
                c.itemsComplete = items(map.get("items"), where, c, type);
            }
            return result;
        }

        /** Reads the items into {@code c}; true when every item's points could be read. */
        private boolean items(Object raw, String criterion, CriterionDraft c, RubricType type) {
            if (!(raw instanceof List<?> list) || list.isEmpty()) {
                reasons.add(criterion + ": items must be a non-empty list");
                return false;
            }
            boolean complete = true;
            for (int i = 0; i < list.size(); i++) {
                String where = criterion + ".items[" + i + "]";
                ItemDraft item = new ItemDraft();
                c.items.add(item);
                if (!(list.get(i) instanceof Map<?, ?> map)) {
                    reasons.add(where + " must be a mapping");
                    complete = false;
                    continue;
                }
                item.id = text(map, "id", where);
                if (item.id != null) {
                    where = item.id;
                    if (c.id != null && !(item.id.startsWith(c.id + ".")
                            && ITEM_SUFFIX.matcher(item.id.substring(c.id.length() + 1)).matches())) {
                        reasons.add("item id '" + item.id + "' must be its criterion id, a dot and a number (e.g. "
                                + c.id + ".1)");
                    }
                }
                unknownKeys(where, map, ITEM_KEYS);
                item.text = text(map, "text", where);
                item.points = points(map, "points", where, true);
                complete &= item.points != null;
                if (item.points != null && c.max != null && item.points.compareTo(c.max) > 0) {
                    reasons.add(where + ": points " + plain(item.points) + " are more than the criterion max " + plain(c.max));
                }
                item.reviewerOnly = flag(map, "reviewerOnly", where);
                Object rawRule = map.get("rule");
                if (item.reviewerOnly) {
                    item.rule = "";
                    if (rawRule != null && !(rawRule instanceof String s && s.isBlank())) {
                        reasons.add(where + ": a reviewer-only item has no automatic rule");
                    }
                } else if (!(rawRule instanceof String s) || s.isBlank()) {
                    reasons.add(where + ": rule is missing (or mark the item reviewerOnly: true)");
                } else {
                    item.rule = s.strip();
                    if (type != null) {
                        try {
                            Rule.compile(item.rule, type);
                        } catch (RuleSyntaxException e) {
                            reasons.add(where + " rule '" + item.rule + "': " + e.getMessage());
                        }
                    }
                }
            }
            return complete;
        }

        private void checkIds(List<CriterionDraft> criteria) {
            Set<String> seen = new HashSet<>();
            for (CriterionDraft c : criteria) {
                if (c.id != null && !seen.add(c.id)) {
                    reasons.add("criterion id " + c.id + " is used more than once");
                }
                for (ItemDraft item : c.items) {
                    if (item.id != null && !seen.add(item.id)) {
                        reasons.add("item id " + item.id + " is used more than once");
                    }
                }
            }
        }

        /** Sums are checked wherever the numbers involved could be read. */
        private void checkSums(List<CriterionDraft> criteria, BigDecimal baseMax, BigDecimal bonusCap) {
            BigDecimal base = BigDecimal.ZERO;
            BigDecimal bonus = BigDecimal.ZERO;
            boolean allMaxima = !criteria.isEmpty();
            for (CriterionDraft c : criteria) {
                if (c.max == null) {
                    allMaxima = false;
                    continue;
                }
                if (c.bonus) {
                    bonus = bonus.add(c.max);
                    continue;
                }
                base = base.add(c.max);
                if (c.itemsComplete) {
                    BigDecimal items = c.items.stream().map(item -> item.points).reduce(BigDecimal.ZERO, BigDecimal::add);
                    if (items.compareTo(c.max) != 0) {
                        reasons.add((c.id == null ? "a criterion" : c.id) + ": sub-item points add up to " + plain(items)
                                + ", not to the criterion max " + plain(c.max));
                    }
                }
            }
            if (!allMaxima) {
                return;
            }
            if (baseMax != null && base.compareTo(baseMax) != 0) {
                reasons.add("base criteria add up to " + plain(base) + ", not to baseMax " + plain(baseMax));
            }
            if (bonusCap != null && bonus.compareTo(bonusCap) != 0) {
                reasons.add("bonus criteria maxima add up to " + plain(bonus) + ", not to bonusCap " + plain(bonusCap));
            }
        }

        private void unknownKeys(String where, Map<?, ?> map, Set<String> allowed) {
            for (Object key : map.keySet()) {
                if (!(key instanceof String k) || !allowed.contains(k)) {
                    reasons.add(where + ": unknown field '" + key + "'");
                }
            }
        }

        private String text(Map<?, ?> map, String key, String where) {
            Object value = map.get(key);
            if (value instanceof String s && !s.isBlank()) {
                return s.strip();
            }
            reasons.add(where + ": " + key + " must be a non-empty text");
            return null;
        }

        private boolean flag(Map<?, ?> map, String key, String where) {
            Object value = map.get(key);
            if (value == null) {
                return false;
            }
            if (value instanceof Boolean b) {
                return b;
            }
            reasons.add(where + ": " + key + " must be true or false");
            return false;
        }

        private Integer positiveInt(Map<?, ?> map, String key, String where) {
            Object value = map.get(key);
            if (value instanceof Integer i && i > 0) {
                return i;
            }
            reasons.add(where + ": " + key + " must be a whole number from 1 up");
            return null;
        }

        private BigDecimal points(Map<?, ?> map, String key, String where, boolean required) {
            Object value = map.get(key);
            if (value == null && !required) {
                return null;
            }
            BigDecimal number = number(value, where + "." + key);
            if (number == null) {
                return null;
            }
            if (number.signum() < 0) {
                reasons.add(where + ": " + key + " must not be negative, found " + plain(number));
                return null;
            }
            if (number.stripTrailingZeros().scale() > 2) {
                reasons.add(where + ": " + key + " may have at most 2 decimals, found " + number.toPlainString());
                return null;
            }
            if (number.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
                reasons.add(where + ": " + key + " is implausibly large: " + plain(number));
                return null;
            }
            return number.setScale(2);
        }

        private BigDecimal number(Object value, String where) {
            if (value instanceof BigDecimal d) {
                return d;
            }
            if (value instanceof Integer || value instanceof Long) {
                return BigDecimal.valueOf(((Number) value).longValue());
            }
            if (value instanceof BigInteger b) {
                return new BigDecimal(b);
            }
            reasons.add(where + " must be a number" + (value == null ? "" : ", found '" + value + "'"));
            return null;
        }

        private static String plain(BigDecimal value) {
            return value.stripTrailingZeros().toPlainString();
        }
    }
}
