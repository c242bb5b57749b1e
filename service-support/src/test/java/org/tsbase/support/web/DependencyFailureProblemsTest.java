package org.tsbase.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import com.mongodb.bulk.BulkWriteError;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.BsonDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.UncategorizedMongoDbException;
import org.springframework.data.mongodb.core.MongoExceptionTranslator;
import org.springframework.http.MediaType;
import org.springframework.kafka.KafkaException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * What callers get when the database or the broker fails: the exceptions are the ones Spring Data's own
 * {@link MongoExceptionTranslator} makes of the driver's (or the driver's own, as GridFS throws them).
 */
class DependencyFailureProblemsTest {

    static final ServerAddress SERVER = new ServerAddress("127.0.0.1", 27018);
    static final MongoExceptionTranslator TRANSLATOR = new MongoExceptionTranslator();

    /** Throws whatever the test put into {@link #next}. */
    @RestController
    static class Failing {
        volatile Supplier<RuntimeException> next;

        @GetMapping("/fail")
        String fail() {
            throw next.get();
        }
    }

    final Failing failing = new Failing();
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("tsbase-support-messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        AcceptHeaderLocaleResolver locales = new AcceptHeaderLocaleResolver();
        locales.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        ProblemWriter problems = new ProblemWriter(messages, locales, JsonMapper.builder().build());
        mvc = MockMvcBuilders.standaloneSetup(failing).setControllerAdvice(new ProblemDetailsAdvice(problems))
                .setLocaleResolver(locales).build();
    }

    static DataAccessException translated(RuntimeException driverException) {
        DataAccessException translated = TRANSLATOR.translateExceptionIfPossible(driverException);
        assertThat(translated).as("Spring Data translates %s", driverException.getClass().getSimpleName()).isNotNull();
        return translated;
    }

    static MongoCommandException commandError(int code, String codeName, String message) {
        return new MongoCommandException(BsonDocument.parse(
                "{ok: 0, code: " + code + ", codeName: '" + codeName + "', errmsg: '" + message + "'}"), SERVER);
    }

    static MongoWriteException writeError(int code, String message) {
        return new MongoWriteException(new WriteError(code, message, new BsonDocument()), SERVER, Set.of());
    }

    @Test
    void aStoreFullCommandErrorIsA503StorageFullProblemInChineseAndEnglish() throws Exception {
        DataAccessException e = translated(commandError(14031, "OutOfDiskSpace", "storage full: 2048 MB used of 2048 MB"));
        assertThat(e).isInstanceOf(UncategorizedMongoDbException.class);
        failing.next = () -> e;

        mvc.perform(get("/fail"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("Retry-After", "60"))
                .andExpect(jsonPath("$.type").value("urn:tsbase:problem:storage-full"))
                .andExpect(jsonPath("$.title").value("存储空间已满"))
                .andExpect(jsonPath("$.detail").value("存储空间已满，暂不能保存，请稍后再试。已保存的数据仍可查看。"))
                .andExpect(jsonPath("$.status").value(503));
        mvc.perform(get("/fail").header("Accept-Language", "en"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.title").value("Storage full"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("Storage full")));
    }

    @Test
    void aStoreFullWriteErrorAndBulkWriteErrorAreStorageFullToo() throws Exception {
        DataAccessException single = translated(writeError(14031, "storage full"));
        assertThat(single).isInstanceOf(DataIntegrityViolationException.class);
        DataAccessException bulk = translated(new MongoBulkWriteException(null,
                List.of(new BulkWriteError(14031, "storage full", new BsonDocument(), 0)), null, SERVER, Set.of()));

        for (DataAccessException e : List.of(single, bulk)) {
            failing.next = () -> e;
            mvc.perform(get("/fail"))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "60"))
                    .andExpect(jsonPath("$.type").value("urn:tsbase:problem:storage-full"));
        }
    }

    @Test
    void anUnreachableOrSlowDatabaseIsA503WithRetryAfterNotA500() throws Exception {
        List<RuntimeException> failures = List.of(
                // no server found within the server selection timeout, or no pooled connection in time
                translated(new MongoTimeoutException("Timed out while waiting for a server")),
                // the server did not answer within the read timeout
                translated(new MongoSocketReadTimeoutException("Timeout while receiving message", SERVER,
                        new java.net.SocketTimeoutException("Read timed out"))),
                // GridFS and direct driver calls are not translated
                new MongoSocketOpenException("Exception opening socket", SERVER, new IOException("refused")),
                // a broker that is away, as spring-kafka wraps it
                new KafkaException("Send failed",
                        new org.apache.kafka.common.errors.TimeoutException("Topic not present in metadata")));
        assertThat(failures.get(0)).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(failures.get(1)).isInstanceOf(DataAccessResourceFailureException.class);

        for (RuntimeException e : failures) {
            failing.next = () -> e;
            mvc.perform(get("/fail"))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(header().string("Retry-After", "5"))
                    .andExpect(jsonPath("$.type").value("urn:tsbase:problem:unavailable"))
                    .andExpect(jsonPath("$.title").value("服务暂不可用"));
        }
        mvc.perform(get("/fail").header("Accept-Language", "en"))
                .andExpect(jsonPath("$.title").value("Service unavailable"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("try again later")));
    }

    @Test
    void otherDatabaseErrorsStayInternalErrorsWithoutRetryAfter() throws Exception {
        DataAccessException duplicate = translated(writeError(11000, "E11000 duplicate key error"));
        assertThat(duplicate).isInstanceOf(DuplicateKeyException.class);
        DataAccessException other = translated(commandError(2, "BadValue", "unknown operator: $foo"));

        for (DataAccessException e : List.of(duplicate, other)) {
            failing.next = () -> e;
            mvc.perform(get("/fail"))
                    .andExpect(status().isInternalServerError())
                    .andExpect(header().doesNotExist("Retry-After"))
                    .andExpect(jsonPath("$.type").value("urn:tsbase:problem:internal"));
        }
    }
}
