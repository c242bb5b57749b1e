package org.tsbase.localstack;

/** A port the stack needs is taken; the message names the port, who needed it and how to choose another. */
public final class PortInUseException extends StackStartException {
    private final PortName portName;
    private final int port;

    public PortInUseException(PortName portName, int port, Part part) {
        super(message(portName, port), part, null, null);
        this.portName = portName;
        this.port = port;
    }

    static String message(PortName portName, int port) {
        int suggestion = port < 55536 ? port + 10000 : port - 10000;
        return "Port " + port + " is already in use, so " + portName.description() + " cannot listen on it."
                + " Stop whatever uses it (`ss -ltnp 'sport = :" + port + "'` shows it; an earlier ./tsbase up?),"
                + " or choose another port: " + portName.environmentVariable() + "=" + suggestion + " ./tsbase up"
                + "  or  ./tsbase up " + portName.option() + " " + suggestion;
    }

    public PortName portName() {
        return portName;
    }

    public int port() {
        return port;
    }
}
