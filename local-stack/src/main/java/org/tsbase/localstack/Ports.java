package org.tsbase.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The port of every part of the stack: an immutable value. */
public final class Ports {
    private final Map<PortName, Integer> ports;

    private Ports(Map<PortName, Integer> ports) {
        EnumMap<PortName, Integer> copy = new EnumMap<>(PortName.class);
        copy.putAll(ports);
        this.ports = Collections.unmodifiableMap(copy);
    }

    /** The ports of docs/conventions.md. */
    public static Ports defaults() {
        EnumMap<PortName, Integer> map = new EnumMap<>(PortName.class);
        for (PortName name : PortName.values()) {
            map.put(name, name.defaultPort());
        }
        return new Ports(map);
    }

    /** The defaults, changed by any {@code TSBASE_<NAME>_PORT} variable in {@code environment}. */
    public static Ports fromEnvironment(Map<String, String> environment) {
        Ports result = defaults();
        for (PortName name : PortName.values()) {
            String value = environment.get(name.environmentVariable());
            if (value != null && !value.isBlank()) {
                result = result.with(name, parse(value, name.environmentVariable()));
            }
        }
        return result;
    }

    /** A free port for every part, chosen by the operating system (for tests running side by side). */
    public static Ports free() {
        EnumMap<PortName, Integer> map = new EnumMap<>(PortName.class);
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (PortName name : PortName.values()) {
                ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                map.put(name, socket.getLocalPort());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find free ports", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
        return new Ports(map);
    }

    /** Parses a port number given in {@code source} (an option or a variable name, for the message). */
    public static int parse(String value, String source) {
        int port;
        try {
            port = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": '" + value + "' is not a port number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(source + ": " + port + " is not a port number (1-65535)");
        }
        return port;
    }

    public Ports with(PortName name, int port) {
        Map<PortName, Integer> map = new EnumMap<>(ports);
        map.put(name, port);
        return new Ports(map);
    }

    public int get(PortName name) {
        return ports.get(name);
    }

    public Map<PortName, Integer> asMap() {
        return ports;
    }

    /** Fails when two parts were given the same port. */
    public Ports validated() {
        Map<Integer, PortName> seen = new HashMap<>();
        for (Map.Entry<PortName, Integer> entry : ports.entrySet()) {
            PortName other = seen.putIfAbsent(entry.getValue(), entry.getKey());
            if (other != null) {
                throw new IllegalArgumentException("Port " + entry.getValue() + " is given to both "
                        + other.description() + " (" + other.option() + ") and " + entry.getKey().description()
                        + " (" + entry.getKey().option() + ")");
            }
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ports other && other.ports.equals(ports);
    }

    @Override
    public int hashCode() {
        return ports.hashCode();
    }

    @Override
    public String toString() {
        return ports.toString();
    }
}
