package org.tsbase.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FailFastMongoSettingsTest {

    static final MongoTimeoutProperties TIMEOUTS = new MongoTimeoutProperties(Duration.ofSeconds(3),
            Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofSeconds(10));

    /** As Boot builds the client: the connection string first, then the customizers in order. */
    static MongoClientSettings settings(String uri) {
        ConnectionString connection = new ConnectionString(uri);
        MongoClientSettings.Builder builder = MongoClientSettings.builder().applyConnectionString(connection);
        new FailFastMongoSettings(connection, TIMEOUTS).customize(builder);
        return builder.build();
    }

    @Test
    void withoutOptionsInTheUriEveryWaitIsShort() {
        MongoClientSettings settings = settings("mongodb://127.0.0.1:27018/tsbase-applications");

        assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS)).isEqualTo(3000);
        assertThat(settings.getConnectionPoolSettings().getMaxWaitTime(TimeUnit.MILLISECONDS)).isEqualTo(1500);
        assertThat(settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS)).isEqualTo(2000);
        assertThat(settings.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS)).isEqualTo(10000);
    }

    @Test
    void timeoutsGivenInTheUriWin() {
        MongoClientSettings settings = settings("mongodb://db1:27017,db2:27017/tsbase-scoring?replicaSet=rs0"
                + "&serverSelectionTimeoutMS=7000&waitQueueTimeoutMS=800&connectTimeoutMS=900&socketTimeoutMS=20000");

        assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS)).isEqualTo(7000);
        assertThat(settings.getConnectionPoolSettings().getMaxWaitTime(TimeUnit.MILLISECONDS)).isEqualTo(800);
        assertThat(settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS)).isEqualTo(900);
        assertThat(settings.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS)).isEqualTo(20000);
    }

    @Test
    void anOperationTimeoutInTheUriIsNotCombinedWithAReadTimeout() {
        MongoClientSettings settings = settings("mongodb://127.0.0.1:27018/x?timeoutMS=4000");

        assertThat(settings.getTimeout(TimeUnit.MILLISECONDS)).isEqualTo(4000);
        assertThat(settings.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS)).isZero();
    }

    @Test
    void runsAfterBootsCustomizerThatAppliesTheUri() {
        assertThat(new FailFastMongoSettings(null, TIMEOUTS).getOrder()).isGreaterThan(0);
    }
}
