package org.tsbase.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;

/**
 * A stand-in for a service's executable jar in tests of the launcher (never a real service): it writes the arguments
 * it was started with to {@code standin/<module>.args} in its working folder, answers {@code /actuator/health} with
 * UP, logs every other request to {@code standin/<module>.requests} and answers it with 201 and an id. It fails on
 * start when {@code standin/<module>.fail} exists. When {@code standin/<module>.delay} holds two numbers of
 * milliseconds, it first logs a line every 200 ms for the first, then stays silent for the second, and only then
 * listens: a service opening a large store slowly, or one hanging silently.
 */
public final class StandInService {
    private StandInService() {
    }

    public static void main(String[] args) throws Exception {
        String jar = Path.of(StandInService.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getFileName().toString();
        String module = jar.replace("-exec.jar", "");
        Path dir = Path.of("standin");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(module + ".args"), String.join("\n", args) + "\n");
        if (Files.exists(dir.resolve(module + ".fail"))) {
            System.out.println(module + ": failing on purpose");
            System.exit(3);
        }
        Path delay = dir.resolve(module + ".delay");
        if (Files.exists(delay)) {
            String[] millis = Files.readString(delay).trim().split("\\s+");
            long loggingUntil = System.currentTimeMillis() + Long.parseLong(millis[0]);
            while (System.currentTimeMillis() < loggingUntil) {
                System.out.println(module + ": still opening at " + System.currentTimeMillis());
                Thread.sleep(200);
            }
            Thread.sleep(Long.parseLong(millis[1]));
        }
        int port = 0;
        for (String arg : args) {
            if (arg.startsWith("--server.port=")) {
                port = Integer.parseInt(arg.substring("--server.port=".length()));
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> answer(exchange, dir.resolve(module + ".requests")));
        server.start();
        System.out.println(module + " stand-in listening on " + port);
    }

    private static void answer(HttpExchange exchange, Path requests) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        String body;
        int status;
        if (path.equals("/actuator/health")) {
            status = 200;
            body = "{\"status\":\"UP\"}";
        } else {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String roles = auth == null ? "-" : new String(Base64.getUrlDecoder().decode(
                    auth.substring("Bearer ".length()).split("\\.")[1]), StandardCharsets.UTF_8)
                    .replaceAll(".*\"roles\":\\[\"([A-Z_]+)\"].*", "$1");
            Files.writeString(requests, exchange.getRequestMethod() + " " + path + " " + roles + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            status = 201;
            body = "{\"id\":\"app-1\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
