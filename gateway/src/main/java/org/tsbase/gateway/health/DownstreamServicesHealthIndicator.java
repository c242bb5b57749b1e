package org.tsbase.gateway.health;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * {@code downstreamServices} in the readiness group: UP only when every routed service answers
 * its own health endpoint with 2xx within the timeout, so a gateway whose routes would fail is
 * taken out of rotation. Details name each service and what went wrong, never a URL.
 */
@Component("downstreamServicesHealthIndicator")
@EnableConfigurationProperties({DownstreamServicesProperties.class, DownstreamHealthProperties.class})
class DownstreamServicesHealthIndicator implements ReactiveHealthIndicator {

    private final Map<String, URI> healthUrls = new TreeMap<>();
    private final WebClient client;
    private final Duration timeout;
    private final Mono<Health> health;

    DownstreamServicesHealthIndicator(DownstreamServicesProperties services, DownstreamHealthProperties properties) {
        services.byName().forEach((name, base) -> healthUrls.put(name,
                UriComponentsBuilder.fromUri(base).path(properties.path()).build().toUri()));
        this.timeout = properties.timeout();
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create().responseTimeout(timeout)))
                .build();
        Mono<Health> check = Mono.defer(this::checkAll);
        this.health = properties.cacheFor().isZero() ? check : check.cache(properties.cacheFor());
    }

    @Override
    public Mono<Health> health() {
        return health;
    }

    private Mono<Health> checkAll() {
        return Flux.fromIterable(healthUrls.entrySet())
                .flatMap(service -> check(service.getValue()).map(status -> Map.entry(service.getKey(), status)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new)
                .map(statuses -> {
                    boolean allUp = statuses.values().stream().allMatch("UP"::equals);
                    return (allUp ? Health.up() : Health.down()).withDetails(statuses).build();
                });
    }

    private Mono<String> check(URI healthUrl) {
        return client.get().uri(healthUrl)
                .retrieve()
                .toBodilessEntity()
                .map(response -> "UP")
                .timeout(timeout.plusMillis(100))
                .onErrorResume(failure -> Mono.just("DOWN (" + failure.getClass().getSimpleName() + ")"));
    }
}
