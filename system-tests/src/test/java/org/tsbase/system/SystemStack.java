package org.tsbase.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.tsbase.localstack.JwtKeys;
import org.tsbase.localstack.LocalStack;
import org.tsbase.localstack.Part;
import org.tsbase.localstack.Role;
import org.tsbase.localstack.TokenMinter;

/**
 * Where a running stack listens and what signs its tokens: read from a {@link LocalStack} the tests started, or from
 * the {@code stack.json} of one started by {@code ./tsbase up --data-dir DIR} (see {@link SharedStack}).
 */
public record SystemStack(String gatewayUrl, Map<Part, String> serviceUrls, String kafkaBootstrapServers,
        int imapPort, Path dataDir, Path logDir, JwtKeys keys) {

    static SystemStack of(LocalStack stack) {
        Map<Part, String> urls = new EnumMap<>(Part.class);
        for (Part part : Part.services()) {
            urls.put(part, stack.serviceUrl(part));
        }
        return new SystemStack(stack.gatewayUrl(), urls, stack.kafkaBootstrapServers(), stack.imapPort(),
                stack.dataDir(), stack.dataDir().resolve("logs"), stack.keys());
    }

    /** A stack someone started with {@code ./tsbase up --data-dir dataDir}. */
    static SystemStack attach(Path dataDir) {
        try {
            JsonNode json = GatewayClient.JSON.readTree(dataDir.resolve("stack.json").toFile());
            Map<Part, String> urls = new EnumMap<>(Part.class);
            json.get("services").fields().forEachRemaining(e ->
                    urls.put(Part.byId(e.getKey()).orElseThrow(), e.getValue().get("url").asText()));
            String imap = json.get("imap").asText();
            return new SystemStack(json.get("gateway").asText(), urls, json.get("kafka").asText(),
                    Integer.parseInt(imap.substring(imap.lastIndexOf(':') + 1)), dataDir,
                    Path.of(json.get("logs").asText()), JwtKeys.loadOrCreate(dataDir.resolve("keys")));
        } catch (IOException e) {
            throw new UncheckedIOException("No readable stack.json in " + dataDir, e);
        }
    }

    public String serviceUrl(Part part) {
        return serviceUrls.get(part);
    }

    /** A valid token of the stack; {@code org} only for APPLICANT. */
    public String token(Role role, String org) {
        return new TokenMinter(keys).mint(role, org);
    }
}
