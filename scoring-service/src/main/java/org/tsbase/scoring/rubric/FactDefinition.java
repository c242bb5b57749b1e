package org.tsbase.scoring.rubric;

import java.util.Optional;
import java.util.Set;

/**
 * A name a rule may use.
 *
 * @param name        the name in rules; for plain facts also the evidence path (dots walk into objects)
 * @param kind        how it is read and typed
 * @param whole       for a count that is part of another count (trained staff of all staff, visited
 *                    enterprises of all in the park): that whole; a part above its whole is invalid input
 * @param codes       for {@link FactKind#CODES}: the allowed codes
 * @param description what it means, for people writing rubrics
 */
public record FactDefinition(String name, FactKind kind, Optional<String> whole, Set<String> codes, String description) {

    public FactDefinition {
        codes = Set.copyOf(codes);
    }
}
