package org.tsbase.gateway.problem;

import org.springframework.context.MessageSource;
import tools.jackson.databind.json.JsonMapper;

/** Lets tests in other packages build the package-private-constructed {@link ProblemResponses}. */
public final class ProblemResponsesFactory {

    private ProblemResponsesFactory() {
    }

    public static ProblemResponses create(MessageSource messages) {
        return new ProblemResponses(messages, JsonMapper.builder().build());
    }
}
