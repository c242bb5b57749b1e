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

    private final org.springframework.beans.factory.ObjectProvider<
            org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails> connections;
    private final org.springframework.beans.factory.ObjectProvider<MongoDatabaseFactory> databaseFactories;
    private final org.springframework.beans.factory.ObjectProvider<MongoMappingContext> mappings;

    StartupIndexes(org.springframework.beans.factory.ObjectProvider<
            org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails> connections,
            org.springframework.beans.factory.ObjectProvider<MongoDatabaseFactory> databaseFactories,
            org.springframework.beans.factory.ObjectProvider<MongoMappingContext> mappings) {
        this.connections = connections;
        this.databaseFactories = databaseFactories;
        this.mappings = mappings;
    }

    @Override
    public void afterSingletonsInstantiated() {
        var details = connections.getIfAvailable();
        MongoDatabaseFactory databases = databaseFactories.getIfAvailable();
        MongoMappingContext mapping = mappings.getIfAvailable();
        if (details == null || databases == null || mapping == null) {
            return; // no MongoDB in this application
        }
        create(details.getConnectionString(), databases, mapping);
    }

    /** Creates every index the mapped documents declare, through a client of its own without read timeout. */
    static void create(ConnectionString connection, MongoDatabaseFactory databases, MongoMappingContext mapping) {
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
