package org.tsbase.localstack;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Ports the stack needs are taken; the message names each port, who needed it and how to choose another, so that
 * one attempt shows every conflict.
 */
public final class PortInUseException extends StackStartException {
    /** One taken port. */
    public record Conflict(PortName portName, int port, Part part) {
        int suggestion() {
            return port < 55536 ? port + 10000 : port - 10000;
        }
    }

    private final List<Conflict> conflicts;

    public PortInUseException(List<Conflict> conflicts) {
        super(message(conflicts), conflicts.get(0).part(), null, null);
        this.conflicts = List.copyOf(conflicts);
    }

    static String message(List<Conflict> conflicts) {
        if (conflicts.size() == 1) {
            Conflict c = conflicts.get(0);
            return "Port " + c.port() + " is already in use, so " + c.portName().description() + " cannot listen on it."
                    + " Stop whatever uses it (`ss -ltnp 'sport = :" + c.port() + "'` shows it; an earlier ./tsbase up?),"
                    + " or choose another port: " + c.portName().environmentVariable() + "=" + c.suggestion()
                    + " ./tsbase up  or  ./tsbase up " + c.portName().option() + " " + c.suggestion();
        }
        String list = conflicts.stream()
                .map(c -> "  port " + c.port() + ": " + c.portName().description() + " (change with "
                        + c.portName().option() + " N or " + c.portName().environmentVariable() + "=N)")
                .collect(Collectors.joining(System.lineSeparator()));
        String example = conflicts.stream().map(c -> c.portName().option() + " " + c.suggestion())
                .collect(Collectors.joining(" "));
        return "These ports are already in use (an earlier ./tsbase up still running?):" + System.lineSeparator()
                + list + System.lineSeparator()
                + "Stop whatever uses them, or choose other ports: ./tsbase up " + example
                + "  (or --free-ports to let the system choose)";
    }

    public List<Conflict> conflicts() {
        return conflicts;
    }

    /** The first taken port. */
    public int port() {
        return conflicts.get(0).port();
    }

    public PortName portName() {
        return conflicts.get(0).portName();
    }
}
