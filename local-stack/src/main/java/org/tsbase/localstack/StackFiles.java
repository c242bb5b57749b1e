package org.tsbase.localstack;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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

    static Map<String, Object> stack(StackConfig config, PartCommands commands, Path publicKey,
                                     Map<Part, ManagedProcess> processes, String state, Instant startedAt) {
        return stack(config, commands, publicKey, List.copyOf(processes.values()), null, state, startedAt);
    }

    /**
     * @param processes   every running process: the parts' own and additional instances of services (by name)
     * @param control     where the launcher takes commands ({@code ./tsbase restart ...}), or null
     */
    static Map<String, Object> stack(StackConfig config, PartCommands commands, Path publicKey,
                                     List<ManagedProcess> processes, Map<String, Object> control, String state,
                                     Instant startedAt) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", state);
        json.put("pid", ProcessHandle.current().pid());
        json.put("startedAt", startedAt == null ? null : startedAt.toString());
        json.put("dataDir", config.dataDir().toString());
        if (config.parts().contains(Part.GATEWAY)) {
            json.put("gateway", commands.httpUrl(PortName.GATEWAY));
            json.put("apiDocs", commands.httpUrl(PortName.GATEWAY) + "/swagger-ui.html");
        }
        if (config.parts().contains(Part.MAIL)) {
            json.put("smtp", "127.0.0.1:" + config.port(PortName.SMTP));
            json.put("imap", "127.0.0.1:" + config.port(PortName.IMAP));
            json.put("imapLogin", "the recipient's address, any password");
            json.put("mailApi", commands.httpUrl(PortName.MAIL_API));
            json.put("mailReader", commands.httpUrl(PortName.MAIL_API) + "/api/user/{address}/messages/INBOX");
        }
        if (config.parts().contains(Part.KAFKA)) {
            json.put("kafka", commands.kafkaBootstrapServers());
        }
        if (config.parts().contains(Part.MONGO)) {
            json.put("mongo", commands.mongoUri());
        }
        Map<String, Object> services = new LinkedHashMap<>();
        for (Part part : Part.services()) {
            if (config.parts().contains(part)) {
                Map<String, Object> service = new LinkedHashMap<>();
                String url = commands.httpUrl(part.mainPort());
                service.put("url", url);
                service.put("health", url + "/actuator/health");
                part.database().ifPresent(db -> service.put("mongoDatabase", db));
                services.put(part.id(), service);
            }
        }
        if (!services.isEmpty()) {
            json.put("services", services);
        }
        json.put("publicKey", publicKey.toString());
        json.put("tokens", config.dataDir().resolve(LocalStack.TOKENS_FILE).toString());
        json.put("logs", config.logDir().toString());
        if (control != null) {
            json.put("control", control);
        }
        Map<String, Object> running = new LinkedHashMap<>();
        for (ManagedProcess process : processes) {
            Part part = process.part();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("pid", process.pid());
            entry.put("log", process.logFile().toString());
            Map<String, Integer> ports = new LinkedHashMap<>();
            if (process.port() >= 0) {
                ports.put(part.mainPort().key(), process.port());
                entry.put("instanceOf", part.id());
                entry.put("url", "http://127.0.0.1:" + process.port());
            } else {
                part.ports().forEach(p -> ports.put(p.key(), config.port(p)));
            }
            entry.put("ports", ports);
            if (process.readyAfter() != null) {
                entry.put("readyAfterMillis", process.readyAfter().toMillis());
            }
            if (process.frozen()) {
                entry.put("frozen", true);
            }
            running.put(process.name(), entry);
        }
        json.put("processes", running);
        return json;
    }
}
