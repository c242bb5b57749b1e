package org.tsbase.localstack;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code ./tsbase up | token | help}: the command line of the local stack. */
public final class Tsbase {
    private Tsbase() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        String command = args.length == 0 ? "help" : args[0];
        Path projectRoot = Path.of(System.getProperty("tsbase.projectRoot", "")).toAbsolutePath().normalize();
        try {
            switch (command) {
                case "up" -> up(Cli.parseUp(rest, System.getenv(), projectRoot).out(out).build(), out, err);
                case "token" -> token(Cli.parseToken(rest, System.getenv()), projectRoot, out, err);
                case "help", "-h", "--help" -> out.print(Cli.usage());
                default -> partCommand(Cli.parsePartCommand(command, rest, System.getenv()), projectRoot, out, err);
            }
        } catch (Cli.UsageException e) {
            err.println("tsbase: " + e.getMessage());
            err.println();
            err.print(Cli.usage());
            System.exit(2);
        } catch (StackStartException | IllegalArgumentException | IllegalStateException e) {
            err.println();
            err.println("tsbase: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void up(StackConfig config, PrintStream out, PrintStream err) throws InterruptedException {
        out.println("TS-Base local stack: data in " + config.dataDir());
        LocalStack stack = LocalStack.start(config);
        stack.listenForCommands();
        printSummary(stack, out);
        // the stack's shutdown hook stops everything on Ctrl-C or SIGTERM
        new CountDownLatch(1).await();
    }

    static void printSummary(LocalStack stack, PrintStream out) {
        StackConfig config = stack.config();
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder(nl);
        text.append(String.format("TS-Base is up after %.0f s.%n%n", stack.startupTime().toMillis() / 1000.0));
        if (config.parts().contains(Part.GATEWAY)) {
            text.append(line("Gateway", stack.gatewayUrl()));
            text.append(line("API docs", stack.apiDocsUrl()));
        }
        if (config.parts().contains(Part.MAIL)) {
            text.append(line("Mail (SMTP)", "127.0.0.1:" + stack.smtpPort()));
            text.append(line("Mail (IMAP)", "127.0.0.1:" + stack.imapPort()
                    + "  login = the recipient's address, any password"));
            text.append(line("Mail (web API)", stack.mailApiUrl() + "  messages: "
                    + stack.mailReaderUrl("<address>")));
        }
        if (config.parts().contains(Part.KAFKA)) {
            text.append(line("Kafka", stack.kafkaBootstrapServers()));
        }
        if (config.parts().contains(Part.MONGO)) {
            text.append(line("MongoDB", stack.mongoUri()));
        }
        text.append(line("Logs", stack.display(config.logDir()) + "/<part>.log"));
        text.append(line("Where all runs", stack.display(config.dataDir().resolve(LocalStack.STACK_FILE))));
        text.append(nl);
        Map<Role, String> tokens = stack.printedTokens();
        text.append("Bearer tokens, valid for ").append(format(config.tokenTtl())).append(" (also in ")
                .append(stack.display(config.dataDir().resolve(LocalStack.TOKENS_FILE)))
                .append("; more with ./tsbase token --role ROLE [--org CREDIT_CODE]):").append(nl);
        for (Role role : Role.values()) {
            text.append("  ").append(role.name())
                    .append(role == Role.APPLICANT ? " (organisation " + TokenMinter.DEMO_ORG + ")" : "").append(nl);
            text.append("    ").append(tokens.get(role)).append(nl);
        }
        if (config.parts().contains(Part.GATEWAY)) {
            text.append(nl).append("Try: curl -H \"Authorization: Bearer $(sed -n 's/.*\"ADMIN\" : \"\\(.*\\)\".*/\\1/p' ")
                    .append(stack.display(config.dataDir().resolve(LocalStack.TOKENS_FILE))).append(")\" ")
                    .append(stack.gatewayUrl()).append("/api/calls").append(nl);
        }
        text.append(nl).append("Press Ctrl-C to stop everything.").append(nl);
        out.print(text);
        out.flush();
    }

    private static String line(String label, String value) {
        return String.format("  %-16s %s%n", label, value);
    }

    private static String format(java.time.Duration duration) {
        if (duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0) {
            return duration.toHours() + " h";
        }
        return duration.toMinutes() + " min";
    }

    /** Sends a command to the running launcher; exits 1 when it answers ERROR. */
    private static void partCommand(Cli.PartRequest request, Path projectRoot, PrintStream out, PrintStream err) {
        Path dataDir = projectRoot.resolve(request.dataDir().orElse(Path.of("data")));
        String answer = StackControl.send(dataDir, request.command(), request.target(), PART_COMMAND_TIMEOUT);
        if (answer.startsWith("OK ")) {
            out.println(answer.substring(3));
        } else {
            err.println("tsbase: " + (answer.startsWith("ERROR ") ? answer.substring(6) : answer));
            System.exit(1);
        }
    }

    /** A restart waits for the part to be healthy: up to the services' start timeout, with some margin. */
    static final java.time.Duration PART_COMMAND_TIMEOUT = java.time.Duration.ofMinutes(6);

    private static void token(Cli.TokenRequest request, Path projectRoot, PrintStream out, PrintStream err) {
        Path dataDir = projectRoot.resolve(request.dataDir().orElse(Path.of("data")));
        if (request.role() != Role.APPLICANT && request.org() != null) {
            err.println("tsbase: note: --org is ignored for " + request.role() + ": only APPLICANT tokens carry an org");
        }
        JwtKeys keys = JwtKeys.loadOrCreate(dataDir.resolve("keys"));
        out.println(new TokenMinter(keys).mint(request.role(), request.org(), request.ttl()));
    }
}
