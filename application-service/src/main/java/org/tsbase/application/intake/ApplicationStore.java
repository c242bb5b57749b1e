package org.tsbase.application.intake;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import org.tsbase.application.web.Versions;
import org.tsbase.events.Topics;
import org.tsbase.support.outbox.OutboxEntry;
import org.tsbase.support.outbox.OutboxEvents;
import org.tsbase.support.outbox.OutboxRelay;
import org.tsbase.support.web.ApiException;

/**
 * Reads and changes application documents. A change is one {@code findAndModify} whose filter holds the version
 * read before; it sets the next version and pushes the change's events into the document's outbox in the same
 * update, so state and events cannot drift apart. Then the relay sends the events.
 */
@Component
public class ApplicationStore {

    private static final int ATTEMPTS = 5;

    /** The components a decision may change; {@code id} never changes, version, updatedAt and outbox are set here. */
    private static final List<RecordComponent> CHANGEABLE = Arrays.stream(Application.class.getRecordComponents())
            .filter(c -> !Set.of("id", "version", "updatedAt", "outbox").contains(c.getName())).toList();

    private final MongoTemplate mongo;
    private final OutboxRelay relay;
    private final OutboxEvents events;
    private final Clock clock;

    ApplicationStore(MongoTemplate mongo, OutboxRelay relay, OutboxEvents events, Clock clock) {
        this.mongo = mongo;
        this.relay = relay;
        this.events = events;
        this.clock = clock;
    }

    /** Inserts a new application (a {@link Application#start} decision) with its events in the outbox. */
    public Application insert(Application.Decision started) {
        Application a = started.next();
        return insert(a.withOutbox(started.events().stream().map(e -> entry(a, e)).toList()));
    }

    /**
     * Persists what the aggregate decides of the current state: the components it changed, the next version and
     * its events, in one update guarded by the version read (see {@link #change}); {@code decide} is asked again
     * on the new state after a concurrent change unless {@code ifMatch} pins the version. A decision whose
     * {@code next} is the current application (same version) changes nothing.
     */
    public Application decide(String id, OptionalLong ifMatch, Predicate<Application> visible,
            Function<Application, Application.Decision> decide) {
        return change(id, ifMatch, visible, current -> {
            Application.Decision d = decide.apply(current);
            if (d.next() == current || (d.next().version() == current.version() && d.events().isEmpty())) {
                return Optional.empty();
            }
            Update update = new Update();
            for (RecordComponent c : CHANGEABLE) {
                Object before = value(c, current);
                Object after = value(c, d.next());
                if (!Objects.equals(before, after)) {
                    if (after == null) {
                        update.unset(c.getName());
                    } else {
                        update.set(c.getName(), after);
                    }
                }
            }
            List<OutboxEntry> entries = d.events().stream().map(e -> entry(current, e)).toList();
            if (!entries.isEmpty()) {
                update.push("outbox").each(entries.toArray());
            }
            return Optional.of(update);
        });
    }

    private OutboxEntry entry(Application a, Application.Event e) {
        return events.event(Topics.APPLICATIONS, a.id(), e.type(), e.payload());
    }

    private static Object value(RecordComponent c, Application a) {
        try {
            return c.getAccessor().invoke(a);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Application> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Application.class));
    }

    /** The application if {@code visible} allows it; 404 otherwise, whether it exists or not. */
    public Application get(String id, Predicate<Application> visible) {
        return find(id).filter(visible).orElseThrow(ApplicationStore::notFound);
    }

    public static ApiException notFound() {
        return ApiException.notFound("application.not-found");
    }

    /** Inserts a new application with its first events; 409 when the organisation already applied. */
    Application insert(Application application) {
        try {
            mongo.insert(application);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("application.exists",
                    new DefaultMessageSourceResolvable("type." + application.type()), application.callId());
        }
        relay.publishSoon(Application.COLLECTION, application.id());
        return application;
    }

    /**
     * Applies the change {@code decide} makes of the current state. Without {@code ifMatch} a concurrent change
     * (a score arriving, an upload) is absorbed by deciding again on the new state; with it, a different version
     * is a 409. {@code decide} throws for a change the state does not allow, or returns empty when there is
     * nothing to change.
     *
     * @return the application after the change
     */
    public Application change(String id, OptionalLong ifMatch, Predicate<Application> visible,
            Function<Application, Optional<Update>> decide) {
        for (int attempt = 1; ; attempt++) {
            Application current = get(id, visible);
            if (ifMatch.isPresent() && ifMatch.getAsLong() != current.version()) {
                throw Versions.stale(ifMatch.getAsLong(), current.version());
            }
            Optional<Update> update = decide.apply(current);
            if (update.isEmpty()) {
                return current;
            }
            Optional<Application> changed = apply(current, update.get());
            if (changed.isPresent()) {
                relay.publishSoon(Application.COLLECTION, id);
                return changed.get();
            }
            if (ifMatch.isPresent() || attempt == ATTEMPTS) {
                Application now = get(id, visible);
                throw Versions.stale(current.version(), now.version());
            }
        }
    }

    /** One guarded update: empty when the version moved on since {@code current} was read. */
    Optional<Application> apply(Application current, Update update) {
        update.set("version", current.version() + 1).set("updatedAt", clock.instant());
        return Optional.ofNullable(mongo.findAndModify(
                query(where("_id").is(current.id()).and("version").is(current.version())), update,
                FindAndModifyOptions.options().returnNew(true), Application.class));
    }

    List<Application> find(Query query) {
        return mongo.find(query, Application.class);
    }

    long count(Query filter) {
        return mongo.count(filter, Application.class);
    }
}
