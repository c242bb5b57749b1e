package org.tsbase.support.web.degrade;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tsbase.support.web.ApiException;

/** A minimal service on service-support: notes in MongoDB, and an endpoint that holds its slot until released. */
@SpringBootApplication
public class DegradeTestApp {

    @Document("notes")
    record Note(@Id String id, String text) {
    }

    /** {@code /slow} requests signal {@link #entered} and then wait until {@link #open()}. */
    @Component
    static class Gate {
        final Semaphore entered = new Semaphore(0);
        private volatile CountDownLatch open = new CountDownLatch(1);

        void pass() throws InterruptedException {
            entered.release();
            if (!open.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
        }

        void open() {
            open.countDown();
        }

        void close() {
            open = new CountDownLatch(1);
        }
    }

    @RestController
    static class Notes {
        private final MongoTemplate mongo;
        private final Gate gate;

        Notes(MongoTemplate mongo, Gate gate) {
            this.mongo = mongo;
            this.gate = gate;
        }

        @PostMapping("/notes/{id}")
        Note put(@PathVariable String id) {
            return mongo.save(new Note(id, "note " + id));
        }

        @GetMapping("/notes/{id}")
        Note get(@PathVariable String id) {
            Note note = mongo.findById(id, Note.class);
            if (note == null) {
                throw ApiException.notFound("problem.status.404");
            }
            return note;
        }

        @GetMapping("/slow")
        String slow() throws InterruptedException {
            gate.pass();
            return "done";
        }
    }
}
