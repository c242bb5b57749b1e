package org.tsbase.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.resources.LoopResources;

/**
 * The gateway's server accepts new connections on a thread of its own. By default Reactor Netty accepts them on the
 * same event loops that serve the open connections, so a flood on open connections delays every new one: with 200
 * connections flooding the contacts route through the gateway, the first request of a connection waited up to
 * 12–15 s, with this configuration at most 0.9–2.6 s (three floods each way with {@code hey}, the settings otherwise
 * equal; gateway README, "Accepting"). A caller refused with 503 often comes back on a new
 * connection, so this is what lets the refusals stay quick.
 *
 * <p>Replaces Spring Boot's {@link ReactorResourceFactory} (its own {@code webflux-http} loops, as Boot's), with one
 * select thread and Reactor Netty's default number of workers.
 */
@Configuration(proxyBeanMethods = false)
class AcceptThreadConfiguration {

    static final String LOOPS = "webflux-http";
    static final int ACCEPT_THREADS = 1;

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        factory.setLoopResourcesSupplier(() -> LoopResources.create(LOOPS, ACCEPT_THREADS,
                LoopResources.DEFAULT_IO_WORKER_COUNT, true));
        return factory;
    }
}
