package org.tsbase.gateway.problem;

import java.time.Duration;

import org.springframework.context.MessageSource;
import tools.jackson.databind.json.JsonMapper;

/** Lets tests in other packages build the package-private-constructed {@link ProblemResponses}. */
public final class ProblemResponsesFactory {

    private ProblemResponsesFactory() {
    }

    public static ProblemResponses create(MessageSource messages) {
        return new ProblemResponses(messages, JsonMapper.builder().build(),
                new RetryAfterProperties(Duration.ofSeconds(1), Duration.ofSeconds(5)));
    }
}
