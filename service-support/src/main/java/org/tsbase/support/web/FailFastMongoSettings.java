package org.tsbase.support.web;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.core.Ordered;

/**
 * Gives the MongoDB driver short timeouts ({@link MongoTimeoutProperties}), so that a request against a database
 * that is away, overloaded or out of connections fails within seconds (and {@link ProblemDetailsAdvice} answers 503
 * with {@code Retry-After}) instead of hanging for the driver's 30 s server selection or forever on a read.
 *
 * <p>Runs after Boot's own customizer, which applies the connection string; a timeout the connection string sets
 * itself is left as it is. The read timeout bounds each round trip ({@code socketTimeoutMS}), not the life of a
 * cursor: the driver's client-side operation timeout ({@code timeoutMS}) would also cut off long, legitimate
 * iterations over a cursor, so it is not set here (a connection string may still set it).
 */
public class FailFastMongoSettings implements MongoClientSettingsBuilderCustomizer, Ordered {

    private final ConnectionString connectionString;
    private final MongoTimeoutProperties timeouts;

    /** {@code connectionString}: the one the client is built from ({@code spring.mongodb.uri}), or null. */
    public FailFastMongoSettings(ConnectionString connectionString, MongoTimeoutProperties timeouts) {
        this.connectionString = connectionString;
        this.timeouts = timeouts;
    }

    @Override
    public void customize(MongoClientSettings.Builder settings) {
        ConnectionString uri = connectionString;
        if (uri == null || uri.getServerSelectionTimeout() == null) {
            settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(
                    timeouts.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS));
        }
        if (uri == null || uri.getMaxWaitTime() == null) {
            settings.applyToConnectionPoolSettings(pool -> pool.maxWaitTime(
                    timeouts.poolWaitTimeout().toMillis(), TimeUnit.MILLISECONDS));
        }
        if (uri == null || uri.getConnectTimeout() == null) {
            settings.applyToSocketSettings(socket -> socket.connectTimeout(
                    timeouts.connectTimeout().toMillis(), TimeUnit.MILLISECONDS));
        }
        if (uri == null || (uri.getSocketTimeout() == null && uri.getTimeout() == null)) {
            settings.applyToSocketSettings(socket -> socket.readTimeout(
                    timeouts.readTimeout().toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /** After Boot's {@code StandardMongoClientSettingsBuilderCustomizer} (order 0), which applies the URI. */
    @Override
    public int getOrder() {
        return 100;
    }
}
