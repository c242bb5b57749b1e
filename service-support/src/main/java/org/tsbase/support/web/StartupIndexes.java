package org.tsbase.support.web;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexResolver;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;

/**
 * Creates the indexes the service's documents declare ({@code @Indexed}, {@code @CompoundIndex}) once at start, before
 * the service takes requests or records (a {@link SmartInitializingSingleton} runs before the web server and the
 * Kafka listeners start), through a client of its own without a read timeout.
 *
 * <p>Why not Spring Data's {@code auto-index-creation}: it builds them while the {@code MongoTemplate} is created,
 * with the service's short read timeout ({@link FailFastMongoSettings}, 10 s): an index that a new version adds to a
 * collection already holding many documents is built by reading every one of them, which takes longer, and the
 * service then failed to start (seen with 6,000 score sheets on a busy embedded store). Creating an index that
 * exists already costs a metadata look-up only.
 */
public class StartupIndexes implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(StartupIndexes.class);

    private final ConnectionString connection;
    private final MongoDatabaseFactory databases;
    private final MongoMappingContext mapping;

    public StartupIndexes(ConnectionString connection, MongoDatabaseFactory databases, MongoMappingContext mapping) {
        this.connection = connection;
        this.databases = databases;
        this.mapping = mapping;
    }

    @Override
    public void afterSingletonsInstantiated() {
        MongoClientSettings settings = MongoClientSettings.builder().applyConnectionString(connection)
                .applyToSocketSettings(s -> s.readTimeout(0, TimeUnit.MILLISECONDS))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(60, TimeUnit.SECONDS))
                .build();
        String database = databases.getMongoDatabase().getName();
        try (MongoClient client = MongoClients.create(settings)) {
            MongoTemplate template = new MongoTemplate(client, database);
            IndexResolver resolver = IndexResolver.create(mapping);
            for (MongoPersistentEntity<?> entity : mapping.getPersistentEntities()) {
                if (!entity.isAnnotationPresent(Document.class)) {
                    continue;
                }
                for (var index : resolver.resolveIndexFor(entity.getTypeInformation())) {
                    long started = System.nanoTime();
                    template.indexOps(entity.getCollection()).createIndex(index);
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    if (millis > 1000) {
                        log.info("index {} of {} ready after {} ms", index.getIndexKeys(),
                                entity.getCollection(), millis);
                    }
                }
            }
        }
    }
}
