package org.tsbase.localstack;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PortInUseTest {
    @Test
    void aTakenPortIsNamedWithItsPartAndHowToChangeIt() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            StackConfig config = StackConfig.builder().projectRoot(Path.of("/tmp")).freePorts().build();
            StackConfig withTakenGateway = StackConfig.builder().projectRoot(Path.of("/tmp"))
                    .ports(config.ports().with(PortName.GATEWAY, port)).build();

            PortInUseException e = catchThrowableOfType(PortInUseException.class,
                    () -> LocalStack.checkPorts(withTakenGateway, EnumSet.allOf(Part.class)));

            assertThat(e.port()).isEqualTo(port);
            assertThat(e.part()).contains(Part.GATEWAY);
            assertThat(e.getMessage())
                    .contains("Port " + port + " is already in use")
                    .contains("the gateway")
                    .contains("TSBASE_GATEWAY_PORT=")
                    .contains("--gateway-port ");
        }
    }

    @Test
    void theKafkaControllerPortCountsToo() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            StackConfig config = StackConfig.builder().projectRoot(Path.of("/tmp")).freePorts().build();
            StackConfig withTaken = StackConfig.builder().projectRoot(Path.of("/tmp"))
                    .ports(config.ports().with(PortName.KAFKA_CONTROLLER, taken.getLocalPort())).build();

            PortInUseException e = catchThrowableOfType(PortInUseException.class,
                    () -> LocalStack.checkPorts(withTaken, EnumSet.of(Part.KAFKA)));

            assertThat(e.getMessage()).contains("the Kafka controller").contains("TSBASE_KAFKA_CONTROLLER_PORT")
                    .contains("--kafka-controller-port");
            assertThatCode(() -> LocalStack.checkPorts(withTaken, EnumSet.of(Part.MONGO))).doesNotThrowAnyException();
        }
    }

    @Test
    void everyTakenPortIsNamedAtOnce() throws Exception {
        try (ServerSocket first = new ServerSocket(); ServerSocket second = new ServerSocket()) {
            first.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            second.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            StackConfig config = StackConfig.builder().projectRoot(Path.of("/tmp")).freePorts().build();
            StackConfig withTaken = StackConfig.builder().projectRoot(Path.of("/tmp")).ports(config.ports()
                    .with(PortName.MONGO, first.getLocalPort()).with(PortName.IMAP, second.getLocalPort())).build();

            PortInUseException e = catchThrowableOfType(PortInUseException.class,
                    () -> LocalStack.checkPorts(withTaken, EnumSet.allOf(Part.class)));

            assertThat(e.conflicts()).extracting(PortInUseException.Conflict::portName)
                    .containsExactly(PortName.MONGO, PortName.IMAP);
            assertThat(e.getMessage())
                    .contains("port " + first.getLocalPort() + ": the MongoDB-wire server (change with --mongo-port N or TSBASE_MONGO_PORT=N)")
                    .contains("port " + second.getLocalPort() + ": the mail server (IMAP)")
                    .contains("--free-ports");
        }
    }
}
