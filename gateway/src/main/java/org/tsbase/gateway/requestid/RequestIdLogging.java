package org.tsbase.gateway.requestid;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;
import org.springframework.context.annotation.Configuration;

/**
 * Copies the request id from the Reactor context into the SLF4J MDC on whatever thread runs
 * the request's operators ({@code spring.reactor.context-propagation=auto}), so every log line
 * written while handling a request carries {@code %X{requestId}}.
 */
@Configuration(proxyBeanMethods = false)
class RequestIdLogging {

    static final String CONTEXT_KEY = "tsbase.requestId";
    static final String MDC_KEY = "requestId";

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
