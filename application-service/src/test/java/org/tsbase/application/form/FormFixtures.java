package org.tsbase.application.form;

import java.time.LocalDate;
import java.util.List;
import org.tsbase.application.TestForms;
import org.tsbase.application.web.Problems;
import org.tsbase.events.ApplicationType;
import org.tsbase.support.web.ApiException.FieldProblem;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Complete request bodies of both types, changed at one JSON pointer, read and checked as the service does. */
public final class FormFixtures {

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    static final LocalDate TODAY = TestForms.today();

    private FormFixtures() {
    }

    public static String body(ApplicationType type) {
        String org = type == ApplicationType.POINT ? "91110107MA01B2C34M" : "91110107MA07F8G926";
        return type == ApplicationType.POINT ? TestForms.point("c", org) : TestForms.zone("c", org);
    }

    /** {@code body} with the value at {@code pointer} replaced by the JSON {@code rawValue} (added if absent). */
    public static String with(String body, String pointer, String rawValue) {
        ObjectNode root = (ObjectNode) JSON.readTree(body);
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = root.at(p.head());
        JsonNode value = JSON.readTree(rawValue);
        String last = p.last().getMatchingProperty();
        if (parent instanceof ArrayNode array) {
            array.set(p.last().getMatchingIndex(), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
        return JSON.writeValueAsString(root);
    }

    static String without(String body, String pointer) {
        ObjectNode root = (ObjectNode) JSON.readTree(body);
        JsonPointer p = JsonPointer.compile(pointer);
        ((ObjectNode) root.at(p.head())).remove(p.last().getMatchingProperty());
        return JSON.writeValueAsString(root);
    }

    public static ApplicationForm read(String body, Problems problems) {
        JsonNode root = JSON.readTree(body);
        ApplicationType type = ApplicationType.valueOf(root.path("type").asString());
        Contact contact = root.hasNonNull("contact") ? JSON.treeToValue(root.get("contact"), Contact.class) : null;
        ApplicantOpinion opinion = root.hasNonNull("applicantOpinion")
                ? JSON.treeToValue(root.get("applicantOpinion"), ApplicantOpinion.class) : null;
        String description = root.hasNonNull("workDescription") ? root.get("workDescription").asString() : null;
        return FormReader.read(type, root.get("organization"), contact, description, root.get("evidence"), opinion,
                problems);
    }

    /** What reading and the rules find wrong with {@code body}. */
    static List<FieldProblem> problems(String body) {
        Problems p = new Problems();
        ApplicationForm form = read(body, p);
        FormRules.check(form, TODAY, p);
        return p.list();
    }

    static String quoted(String s) {
        return JSON.writeValueAsString(s);
    }
}
