package org.tsbase.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How {@code ./tsbase restart <part>} (and stop, start, kill, freeze, thaw, add-instance) reaches the launcher of a
 * running stack: the launcher listens on a loopback port written to {@code stack.json} ({@code control.port}) and
 * takes one command per connection, as one line {@code <key> <command> <target>}; the key is a random secret in
 * {@code <data>/control.key}, readable only by its owner, so that only who may read the data folder can command the
 * stack. The launcher answers with one line, {@code OK <what happened>} or {@code ERROR <why>}, once the command is
 * done (a start or restart waits until the part is healthy).
 */
final class StackControl implements AutoCloseable {
    static final String KEY_FILE = "control.key";
    static final List<String> COMMANDS = List.of("restart", "stop", "start", "kill", "freeze", "thaw", "add-instance");
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final LocalStack stack;
    private final ServerSocket server;
    private final String key;
    private final Path keyFile;
    private volatile boolean closed;

    private StackControl(LocalStack stack, ServerSocket server, String key, Path keyFile) {
        this.stack = stack;
        this.server = server;
        this.key = key;
        this.keyFile = keyFile;
    }

    /** Writes a new key to {@code <data>/control.key} and listens on a free loopback port. */
    static StackControl open(LocalStack stack) {
        Path keyFile = stack.dataDir().resolve(KEY_FILE);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String key = HexFormat.of().formatHex(secret);
        try {
            Files.deleteIfExists(keyFile);
            if (PartCommands.isWindows()) {
                Files.writeString(keyFile, key);
            } else {
                Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(keyFile, key);
            }
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            StackControl control = new StackControl(stack, server, key, keyFile);
            Thread accept = new Thread(control::acceptLoop, "tsbase-control");
            accept.setDaemon(true);
            accept.start();
            return control;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the launcher's control port", e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** What {@code stack.json} says under {@code control}. */
    Map<String, Object> describe() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("port", port());
        json.put("keyFile", keyFile.toString());
        json.put("commands", COMMANDS);
        return json;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                Thread handler = new Thread(() -> serve(socket), "tsbase-control-" + socket.getPort());
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("tsbase: control port: " + e.getMessage());
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8), true)) {
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            String line = in.readLine();
            socket.setSoTimeout(0);
            String[] words = line == null ? new String[0] : line.trim().split("\\s+");
            if (words.length < 1 || !MessageDigest.isEqual(words[0].getBytes(StandardCharsets.UTF_8),
                    key.getBytes(StandardCharsets.UTF_8))) {
                out.println("ERROR wrong or missing key (read it from " + KEY_FILE + " in the data folder)");
                return;
            }
            if (words.length != 3) {
                out.println("ERROR expected: <key> <command> <part>");
                return;
            }
            try {
                out.println("OK " + execute(stack, words[1], words[2]));
            } catch (RuntimeException e) {
                out.println("ERROR " + String.valueOf(e.getMessage()).replaceAll("\\R", " "));
            }
        } catch (SocketTimeoutException e) {
            // a client that said nothing: dropped
        } catch (IOException e) {
            // the client went away; the command (if any) went on
        }
    }

    /**
     * Runs one command on the stack. {@code target} is a part ({@code scoring-service}, {@code kafka}, ...) or, for
     * stop and kill, an additional instance ({@code scoring-service-2}).
     */
    static String execute(LocalStack stack, String command, String target) {
        Optional<Part> part = Part.byId(target);
        if (part.isEmpty()) {
            if (stack.instances().contains(target)) {
                return switch (command) {
                    case "stop" -> {
                        stack.stopInstance(target);
                        yield target + " stopped";
                    }
                    case "kill" -> {
                        stack.killInstance(target);
                        yield target + " killed (SIGKILL)";
                    }
                    default -> throw new IllegalArgumentException("an additional instance can only be stopped or"
                            + " killed, not " + command);
                };
            }
            throw new IllegalArgumentException("no part or instance named '" + target + "'; parts: "
                    + String.join(", ", Part.ids()) + "; instances: " + stack.instances());
        }
        Part p = part.get();
        return switch (command) {
            case "restart" -> {
                stack.restart(p);
                yield p.id() + " restarted" + pid(stack, p);
            }
            case "stop" -> {
                stack.stop(p);
                yield p.id() + " stopped";
            }
            case "start" -> {
                stack.start(p);
                yield p.id() + " started" + pid(stack, p);
            }
            case "kill" -> {
                stack.kill(p);
                yield p.id() + " killed (SIGKILL); ./tsbase start " + p.id() + " starts it again";
            }
            case "freeze" -> {
                stack.freeze(p);
                yield p.id() + " frozen (SIGSTOP); ./tsbase thaw " + p.id() + " continues it";
            }
            case "thaw" -> {
                stack.thaw(p);
                yield p.id() + " continued (SIGCONT)";
            }
            case "add-instance" -> {
                String name = stack.addInstance(p);
                yield name + " started at " + stack.instanceUrl(name) + pid(stack, name);
            }
            default -> throw new IllegalArgumentException("unknown command '" + command + "'; commands: "
                    + String.join(", ", COMMANDS));
        };
    }

    private static String pid(LocalStack stack, Part part) {
        return stack.pid(part).map(pid -> " (pid " + pid + ")").orElse("");
    }

    private static String pid(LocalStack stack, String name) {
        return stack.pid(name).map(pid -> " (pid " + pid + ")").orElse("");
    }

    /**
     * The client side: sends {@code command target} to the launcher whose {@code stack.json} is in {@code dataDir}
     * and returns its answer line ({@code OK ...} or {@code ERROR ...}).
     */
    static String send(Path dataDir, String command, String target, Duration timeout) {
        Path stackFile = dataDir.resolve(LocalStack.STACK_FILE);
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(stackFile.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("No stack runs with its data in " + dataDir + " (no readable "
                    + stackFile + "); start one with ./tsbase up, or name its folder with --data-dir");
        }
        int port = json.at("/control/port").asInt(-1);
        if (!"running".equals(json.path("state").asText()) || port <= 0) {
            throw new IllegalStateException("No stack runs with its data in " + dataDir + " (" + stackFile
                    + " says " + json.path("state").asText("nothing") + ", without a control port)");
        }
        String key;
        try {
            key = Files.readString(dataDir.resolve(KEY_FILE)).trim();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + dataDir.resolve(KEY_FILE) + ": " + e.getMessage());
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 3000);
            socket.setSoTimeout((int) timeout.toMillis());
            PrintWriter out = new PrintWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8), true);
            out.println(key + " " + command + " " + target);
            String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (answer == null) {
                throw new IllegalStateException("The launcher closed the connection without an answer");
            }
            return answer;
        } catch (SocketTimeoutException e) {
            throw new IllegalStateException("No answer from the launcher within " + timeout.toSeconds()
                    + " s; see its terminal and " + dataDir.resolve("logs"));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach the launcher on 127.0.0.1:" + port + " ("
                    + e.getMessage() + "); is the stack of " + dataDir + " still running?");
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            Files.deleteIfExists(keyFile);
        } catch (IOException ignored) {
            // a stale key opens nothing once the port is closed
        }
    }
}
