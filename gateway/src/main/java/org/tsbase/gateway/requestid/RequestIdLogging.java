package org.tsbase.gateway.requestid;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;
import org.springframework.context.annotation.Configuration;
import org.tsbase.gateway.problem.ProblemResponses;

/**
 * Lets Reactor copy the request id from its context into the SLF4J MDC where it restores thread
 * locals: in {@code handle} and {@code tap} operators and after {@code contextCapture()}
 * ({@code spring.reactor.context-propagation=limited}, Boot's default). The gateway's own log
 * lines put the id into the MDC themselves ({@link ProblemResponses#requestIdInMdc}), so they
 * carry {@code %X{requestId}} without {@code auto} propagation, which restored every thread local
 * around every operator of every request and was in most of the gateway's sampled stacks (see
 * the README's Performance section).
 */
@Configuration(proxyBeanMethods = false)
class RequestIdLogging {

    static final String CONTEXT_KEY = "tsbase.requestId";
    static final String MDC_KEY = ProblemResponses.REQUEST_ID_MDC_KEY;

    RequestIdLogging() {
        // replaces an accessor of the same key, so a second application context is harmless
        ContextRegistry.getInstance().registerThreadLocalAccessor(new MdcAccessor());
    }

    private static final class MdcAccessor implements ThreadLocalAccessor<String> {

        @Override
        public Object key() {
            return CONTEXT_KEY;
        }

        @Override
        public String getValue() {
            return MDC.get(MDC_KEY);
        }

        @Override
        public void setValue(String value) {
            MDC.put(MDC_KEY, value);
        }

        @Override
        public void setValue() {
            MDC.remove(MDC_KEY);
        }
    }
}
