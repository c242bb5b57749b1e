package org.tsbase.localstack;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The contents of {@code stack.json} (where everything listens) and {@code dev-tokens.json}. */
final class StackFiles {
    private StackFiles() {
    }

    /** {@code {"APPLICANT": "...", "DISTRICT_REVIEWER": "...", "CITY_REVIEWER": "...", "ADMIN": "..."}}. */
    static Map<String, String> devTokens(Map<Role, String> tokens) {
        Map<String, String> json = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            json.put(role.name(), tokens.get(role));
        }
        return json;
    }

    static Map<String, Object> stack(LocalStack stack, String state, Instant startedAt) {
        StackConfig config = stack.config();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", state);
        json.put("pid", ProcessHandle.current().pid());
        json.put("startedAt", startedAt == null ? null : startedAt.toString());
        json.put("dataDir", config.dataDir().toString());
        if (config.parts().contains(Part.GATEWAY)) {
            json.put("gateway", stack.gatewayUrl());
            json.put("apiDocs", stack.apiDocsUrl());
        }
        if (config.parts().contains(Part.MAIL)) {
            json.put("smtp", "127.0.0.1:" + stack.smtpPort());
            json.put("imap", "127.0.0.1:" + stack.imapPort());
            json.put("imapLogin", "the recipient's address, any password");
            json.put("mailApi", stack.mailApiUrl());
            json.put("mailReader", stack.mailReaderUrl("{address}"));
        }
        if (config.parts().contains(Part.KAFKA)) {
            json.put("kafka", stack.kafkaBootstrapServers());
        }
        if (config.parts().contains(Part.MONGO)) {
            json.put("mongo", stack.mongoUri());
        }
        Map<String, Object> services = new LinkedHashMap<>();
        for (Part part : Part.services()) {
            if (config.parts().contains(part)) {
                Map<String, Object> service = new LinkedHashMap<>();
                service.put("url", stack.serviceUrl(part));
                service.put("health", stack.serviceUrl(part) + "/actuator/health");
                part.database().ifPresent(db -> service.put("mongoDatabase", db));
                services.put(part.id(), service);
            }
        }
        if (!services.isEmpty()) {
            json.put("services", services);
        }
        json.put("publicKey", stack.publicKeyFile().toString());
        json.put("tokens", config.dataDir().resolve(LocalStack.TOKENS_FILE).toString());
        Map<String, Object> processes = new LinkedHashMap<>();
        stack.runningProcesses().forEach((part, process) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("pid", process.pid());
            entry.put("log", process.logFile().toString());
            Map<String, Integer> ports = new LinkedHashMap<>();
            part.ports().forEach(p -> ports.put(p.key(), config.port(p)));
            entry.put("ports", ports);
            if (process.readyAfter() != null) {
                entry.put("readyAfterMillis", process.readyAfter().toMillis());
            }
            processes.put(part.id(), entry);
        });
        json.put("processes", processes);
        return json;
    }
}
