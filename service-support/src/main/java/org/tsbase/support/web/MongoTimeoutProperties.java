package org.tsbase.support.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the MongoDB driver waits before it gives up, so that a request fails fast (503) instead of hanging when
 * the database is slow or away ({@link FailFastMongoSettings}). The driver's own defaults are 30 s for server
 * selection, 2 min for a pooled connection and no read timeout at all. An option given in the connection string
 * ({@code serverSelectionTimeoutMS}, {@code connectTimeoutMS}, {@code socketTimeoutMS}, {@code waitQueueTimeoutMS})
 * wins over these.
 *
 * @param serverSelectionTimeout how long to look for a reachable (primary) server
 * @param connectTimeout         how long opening one connection may take
 * @param poolWaitTimeout        how long to wait for a free connection of the pool
 * @param readTimeout            how long to wait for the answer to one command (one round trip, not a whole
 *                               cursor); the slowest legitimate command must fit in it
 */
@ConfigurationProperties("tsbase.mongo")
public record MongoTimeoutProperties(
        @DefaultValue("3s") Duration serverSelectionTimeout,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("2s") Duration poolWaitTimeout,
        @DefaultValue("10s") Duration readTimeout) {
}
