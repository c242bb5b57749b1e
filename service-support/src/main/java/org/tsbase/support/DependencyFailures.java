package org.tsbase.support;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Tells failures of the database or the broker that a caller should simply retry later (503) from programming
 * errors (500), looking through the whole cause chain: Spring Data translates the driver's exceptions (a server
 * selection timeout becomes a {@link DataAccessResourceFailureException}), GridFS and direct driver calls do not,
 * spring-kafka wraps the client's. The web layer answers both with 503 and {@code Retry-After}; the consumers retry
 * a record that failed so until the dependency answers, instead of dead-lettering it.
 */
public final class DependencyFailures {

    /** MongoDB's {@code OutOfDiskSpace}: the embedded server's answer when its store is full. */
    static final int OUT_OF_DISK_SPACE = 14031;

    private DependencyFailures() {
    }

    /**
     * A write refused because the store is full: code 14031 as a command error (Spring Data: an
     * {@code UncategorizedMongoDbException}), as a write error ({@code DataIntegrityViolationException}) or inside a
     * bulk write.
     */
    public static boolean storageFull(Throwable error) {
        for (Throwable t = error; t != null; t = next(t)) {
            if (t instanceof MongoBulkWriteException bulk
                    && bulk.getWriteErrors().stream().anyMatch(w -> w.getCode() == OUT_OF_DISK_SPACE)) {
                return true;
            }
            if (t instanceof MongoWriteException write && write.getError().getCode() == OUT_OF_DISK_SPACE) {
                return true;
            }
            if (t instanceof MongoServerException server && server.getCode() == OUT_OF_DISK_SPACE) {
                return true;
            }
        }
        return false;
    }

    /** The database or the broker cannot be reached, or did not answer in time. */
    public static boolean unavailable(Throwable error) {
        for (Throwable t = error; t != null; t = next(t)) {
            if (t instanceof DataAccessResourceFailureException || t instanceof QueryTimeoutException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof MongoSocketException || t instanceof MongoTimeoutException
                    || t instanceof MongoConnectionPoolClearedException || t instanceof MongoExecutionTimeoutException
                    || t instanceof MongoNotPrimaryException || t instanceof MongoNodeIsRecoveringException
                    || t instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        Throwable cause = t.getCause();
        return cause == t ? null : cause;
    }
}
