package org.tsbase.application.form;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tsbase.events.EventJson;
import org.tsbase.events.OrganizationFacts;

/**
 * What scoring reads of a form, as {@code application.submitted.v1} carries it: the organisation's facts and the
 * evidence under exactly the field names of API.md. Contact, phone numbers and free text stay behind.
 */
public final class ScoringFacts {

    private ScoringFacts() {
    }

    public static OrganizationFacts organization(ApplicationForm form) {
        if (form instanceof PointForm f) {
            PointOrganization o = f.organization();
            return new OrganizationFacts(o.creditCode(), o.name(), o.parkCreditCode(), o.employeeCount(), null);
        }
        ZoneOrganization o = ((ZoneForm) form).organization();
        return new OrganizationFacts(o.creditCode(), o.name(), null, null, o.enterprisesInPark());
    }

    /** The evidence as a JSON-shaped map without nulls (the event schema allows no null evidence value). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> evidence(ApplicationForm form) {
        Evidence evidence = form.evidence();
        if (evidence == null) {
            return Map.of();
        }
        Map<String, Object> map = EventJson.mapper().convertValue(evidence, LinkedHashMap.class);
        return (Map<String, Object>) withoutNulls(map);
    }

    private static Object withoutNulls(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    out.put(String.valueOf(k), withoutNulls(v));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.stream().filter(v -> v != null).forEach(v -> out.add(withoutNulls(v)));
            return out;
        }
        return value;
    }
}
