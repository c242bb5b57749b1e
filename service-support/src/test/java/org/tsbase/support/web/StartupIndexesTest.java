package org.tsbase.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.tsbase.embeddedmongo.IndexedH2Backend;
import org.tsbase.embeddedmongo.StoreLimits;

/**
 * The indexes a service's documents declare are built at start, also on a collection that already holds documents
 * (an index added by a new version), and building them again changes nothing.
 */
class StartupIndexesTest {

    @org.springframework.data.mongodb.core.mapping.Document("sheets")
    @CompoundIndex(name = "call_total", def = "{'callId': 1, 'total': -1}")
    record Sheet(@Id String id, String callId, double total, @Indexed(unique = true) String slot) {
    }

    private MongoServer server;
    private MongoClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.shutdownNow();
        }
    }

    @Test
    void theDeclaredIndexesAreBuiltOverStoredDocumentsAndAgainWithoutChange() {
        server = new MongoServer(IndexedH2Backend.open(null, 16, StoreLimits.DEFAULT));
        var address = server.bind();
        ConnectionString uri = new ConnectionString("mongodb://127.0.0.1:" + address.getPort() + "/svc");
        client = MongoClients.create(uri);
        var sheets = client.getDatabase("svc").getCollection("sheets");
        List<Document> stored = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            stored.add(new Document("_id", "s" + i).append("callId", "c" + (i % 3)).append("total", i / 20.0)
                    .append("slot", "slot-" + i));
        }
        sheets.insertMany(stored);
        MongoMappingContext mapping = new MongoMappingContext();
        mapping.setInitialEntitySet(Set.of(Sheet.class));
        mapping.initialize();
        var factory = new SimpleMongoClientDatabaseFactory(client, "svc");

        StartupIndexes.create(uri, factory, mapping);
        List<String> names = sheets.listIndexes().map(d -> d.getString("name")).into(new ArrayList<>());
        assertThat(names).contains("call_total", "slot");
        assertThatThrownBy(() -> sheets.insertOne(new Document("_id", "dup").append("slot", "slot-7")))
                .as("the unique index holds").isInstanceOf(MongoWriteException.class);

        StartupIndexes.create(uri, factory, mapping);
        assertThat(sheets.listIndexes().map(d -> d.getString("name")).into(new ArrayList<>())).hasSameSizeAs(names);
    }
}
