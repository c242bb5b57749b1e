package org.tsbase.gateway.security;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtGrantedAuthoritiesConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.tsbase.gateway.problem.GatewayProblem;
import org.tsbase.gateway.problem.ProblemResponses;
import reactor.core.publisher.Mono;

/**
 * The gateway checks every RS256 token (signature, expiry, audience {@code tsbase}) before
 * routing and relays the {@code Authorization} header unchanged; each service checks it again.
 * Boot's decoder checks a token the first time it is seen; the same token again is answered from
 * {@link CachingReactiveJwtDecoder} until it expires.
 * Anonymous: health and the API docs only. Other actuator endpoints (info, Prometheus) need ADMIN.
 * A token without {@code exp} would never expire and is refused, as the services refuse it.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties({CorsProperties.class, TokenCacheProperties.class})
class SecurityConfiguration {

    static final String[] ANONYMOUS = {
        "/actuator/health", "/actuator/health/**",
        "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"
    };

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ProblemResponses problems,
            CorsProperties cors, ReactiveJwtDecoder jwtDecoder, TokenCacheProperties tokenCache) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, failure) -> {
            boolean tokenPresented = hasBearerToken(exchange.getRequest());
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, wwwAuthenticate(tokenPresented));
            return problems.write(exchange, tokenPresented ? GatewayProblem.INVALID_TOKEN : GatewayProblem.UNAUTHORIZED);
        };
        ServerAccessDeniedHandler forbidden = (exchange, denied) -> problems.write(exchange, GatewayProblem.FORBIDDEN);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable) // bearer tokens only, no cookies
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(spec -> spec.configurationSource(corsConfigurationSource(cors)))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(ANONYMOUS).permitAll()
                        .pathMatchers("/actuator/**").hasRole("ADMIN")
                        .anyExchange().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt
                                .jwtDecoder(new CachingReactiveJwtDecoder(jwtDecoder, tokenCache.maximumTokens(),
                                        Clock.systemUTC()))
                                .jwtAuthenticationConverter(jwtAuthenticationConverter()))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .build();
    }

    /**
     * What Spring Security's firewall ({@code StrictServerWebExchangeFirewall}) refuses before anything else runs is
     * answered with problem+json, not an empty 400 (issue 8, hostile corpus): a method other than the standard ones
     * (TRACE, FOO, lowercase get) is 405; a path that is not normalized ({@code ..}, {@code //}), has {@code ;},
     * encoded slashes, dots, {@code %00} or other forbidden characters, or a header with control characters is 400.
     */
    @Bean
    ServerExchangeRejectedHandler problemExchangeRejectedHandler(ProblemResponses problems) {
        return (exchange, rejected) -> problems.write(exchange,
                STANDARD_METHODS.contains(exchange.getRequest().getMethod())
                        ? GatewayProblem.REQUEST_REJECTED
                        : GatewayProblem.METHOD_NOT_ALLOWED);
    }

    /**
     * Spring Security's reactive firewall ({@code StrictServerWebExchangeFirewall}), plus the one check of its servlet
     * counterpart ({@code StrictHttpFirewall}) it lacks: a request target must be printable ASCII (RFC 9112; anything
     * else is percent-encoded). Netty reads raw bytes of the request line as ISO-8859-1 characters, so a raw UTF-8
     * {@code é} became two characters that the gateway forwarded percent-encoded again, a path the client never
     * sent (issue 8, hostile corpus); it is refused with 400 request-rejected now. No library offers this check for
     * WebFlux, hence the few lines here.
     */
    @Bean
    ServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall strict = new StrictServerWebExchangeFirewall();
        return exchange -> {
            URI target = exchange.getRequest().getURI();
            if (!printableAscii(target.getRawPath()) || !printableAscii(target.getRawQuery())) {
                return Mono.error(new ServerExchangeRejectedException(
                        "The request target was rejected because it can only contain printable ASCII characters."));
            }
            return strict.getFirewalledExchange(exchange);
        };
    }

    static boolean printableAscii(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '\u0021' || c > '\u007e') {
                return false;
            }
        }
        return true;
    }

    /** The methods the firewall lets through (its default); any other is refused with 405. */
    static final Set<HttpMethod> STANDARD_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

    /**
     * A token without {@code exp} would never expire: refused (issue 8, hostile corpus), as service-support's
     * SecurityDefaults does for the services. Boot adds every {@code OAuth2TokenValidator<Jwt>} bean to the
     * reactive decoder's default validators (signature, audience, time window).
     */
    @Bean
    OAuth2TokenValidator<Jwt> expiryRequired() {
        return new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull);
    }

    /** {@code roles: ["ADMIN"]} becomes the authority {@code ROLE_ADMIN}; the principal name is {@code sub}. */
    static ReactiveJwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        ReactiveJwtAuthenticationConverter converter = new ReactiveJwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new ReactiveJwtGrantedAuthoritiesConverterAdapter(roles));
        return converter;
    }

    static CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(properties.allowedMethods());
        cors.setAllowedHeaders(properties.allowedHeaders());
        cors.setExposedHeaders(properties.exposedHeaders());
        cors.setAllowCredentials(false);
        cors.setMaxAge(properties.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    private static boolean hasBearerToken(ServerHttpRequest request) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static String wwwAuthenticate(boolean tokenPresented) {
        return tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer";
    }
}
