package org.tsbase.support.outbox;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param collections  the MongoDB collections whose documents carry an {@code outbox} array
 * @param sweepInterval how often the sweep looks for entries a crash or a broker outage left behind
 * @param sweepGrace   entries younger than this are left to the immediate relay
 * @param sendTimeout  how long one send waits for the broker's acknowledgement
 * @param batchSize    documents the relay reads, sends and clears in one round (one query, one bulk write)
 * @param maxWaiting   documents waiting for the immediate relay at most; beyond it a document's events wait for the
 *                     sweep (after {@code sweepGrace}), so a burst cannot fill the memory
 */
@ConfigurationProperties("tsbase.outbox")
public record OutboxProperties(
        @DefaultValue List<String> collections,
        @DefaultValue("3s") Duration sweepInterval,
        @DefaultValue("5s") Duration sweepGrace,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("256") int batchSize,
        @DefaultValue("20000") int maxWaiting) {
}
