package org.tsbase.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.RequestDispatcher;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.tsbase.support.TsbaseSupportAutoConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 8 (hostile corpus): what used to be a 500 or a non-problem answer — an unparseable multipart body, a wildcard
 * {@code Content-Type}, {@code /error} — is a 4xx problem+json; duplicate JSON keys and numbers for booleans are
 * refused by the shared JSON settings.
 */
class HostileInputProblemsTest {

    record Flag(boolean dryRun) {
    }

    @RestController
    static class Endpoints {
        @PostMapping("/multipart")
        String multipart() {
            throw new MultipartException("Failed to parse multipart servlet request");
        }

        @PostMapping("/json")
        String json(@RequestBody Flag flag) {
            return "ok";
        }
    }

    MockMvc mvc;
    ProblemWriter problems;

    @BeforeEach
    void setUp() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("tsbase-support-messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        AcceptHeaderLocaleResolver locales = new AcceptHeaderLocaleResolver();
        locales.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        problems = new ProblemWriter(messages, locales, JsonMapper.builder().build());
        mvc = MockMvcBuilders.standaloneSetup(new Endpoints(), new ProblemErrorController(problems))
                .setControllerAdvice(new ProblemDetailsAdvice(problems))
                .addFilters(new RequestSizeLimitFilter(problems, DataSize.ofMegabytes(1), DataSize.ofMegabytes(25)))
                .setLocaleResolver(locales).build();
    }

    @Test
    void anUnreadableMultipartBodyIsA400Problem() throws Exception {
        mvc.perform(post("/multipart").contentType("multipart/form-data; boundary=x").content("--x\r\nnever ends"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:tsbase:problem:multipart"));
    }

    @Test
    void aContentTypeThatNamesNoTypeIsA415Problem() throws Exception {
        for (String type : new String[] {"*/*", "application/*", "application/"}) {
            mvc.perform(post("/json").header("Content-Type", type).content("{\"dryRun\":true}"))
                    .andExpect(status().isUnsupportedMediaType())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        mvc.perform(post("/json").contentType(MediaType.APPLICATION_JSON).content("{\"dryRun\":true}"))
                .andExpect(status().isOk());
    }

    @Test
    void theErrorPageIsAProblemAndNotFoundWhenCalledDirectly() throws Exception {
        mvc.perform(get("/error"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 400)
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/a/..;/b"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.title").value("请求无效"));
    }

    @Test
    void duplicateKeysAndNumbersForBooleansAreRefused() {
        JsonMapper.Builder builder = JsonMapper.builder();
        new TsbaseSupportAutoConfiguration().tsbaseStrictJson().customize(builder);
        JsonMapper strict = builder.build();
        assertThat(strict.readValue("{\"dryRun\":true}", Flag.class).dryRun()).isTrue();
        assertThatThrownBy(() -> strict.readValue("{\"dryRun\":true,\"dryRun\":false}", Flag.class))
                .hasMessageContaining("dryRun");
        assertThatThrownBy(() -> strict.readValue("{\"dryRun\":1}", Flag.class)).isNotNull();
    }
}
