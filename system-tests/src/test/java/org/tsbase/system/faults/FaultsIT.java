package org.tsbase.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.tsbase.localstack.LocalStack;
import org.tsbase.localstack.Part;
import org.tsbase.localstack.Role;
import org.tsbase.localstack.StackConfig;

/**
 * Issue 8 §1: the whole stack as {@code ./tsbase up} starts it, under a steady load of applicants through the
 * gateway, while one part fails. For each fault: a call of its own, {@value #WARM_SECONDS} s of load, the fault and
 * its repair, load on for {@value #AFTER_SECONDS} s more, then wait until quiet and hold the system to what it
 * acknowledged ({@link Verification}). One row per fault in {@code target/faults/fault-table.md}.
 *
 * <p>Run with {@code ./mvnw -B -ntp -pl system-tests -Pfaults verify} (about 40 minutes; one fault:
 * {@code -Dit.test='FaultsIT#kafka*'}); the load's rate with {@code -Dtsbase.faults.rate=3} (applicants per second).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {
    static final int WARM_SECONDS = 15;
    static final int AFTER_SECONDS = 20;
    static final double RATE = Double.parseDouble(System.getProperty("tsbase.faults.rate", "3"));
    static final Duration QUIET_TIMEOUT = Duration.ofMinutes(5);
    static final Path OUT = Path.of("target", "faults").toAbsolutePath();

    static LocalStack stack;
    static FaultTable table;
    static final ApplicantForms.CreditCodes CODES = new ApplicantForms.CreditCodes();

    @BeforeAll
    static void startStack() throws Exception {
        Path data = OUT.resolve("stack");
        if (Files.exists(data)) {
            try (var walk = Files.walk(data)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        stack = LocalStack.start(StackConfig.builder().projectRoot(projectRoot()).dataDir(data).freePorts()
                .seedDemoData(false).out(System.out).build());
        table = new FaultTable(OUT.resolve("fault-table.md"));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("tsbase"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    /** What a fault does: inject it, then repair it (the repair returns when the part is back). */
    interface Action {
        void run() throws Exception;
    }

    @Test
    @Order(1)
    void killApplicationService() throws Exception {
        killAndStart(Part.APPLICATION_SERVICE);
    }

    @Test
    @Order(2)
    void killScoringService() throws Exception {
        killAndStart(Part.SCORING_SERVICE);
    }

    @Test
    @Order(3)
    void killNotificationService() throws Exception {
        killAndStart(Part.NOTIFICATION_SERVICE);
    }

    @Test
    @Order(4)
    void killContactService() throws Exception {
        killAndStart(Part.CONTACT_SERVICE);
    }

    @Test
    @Order(5)
    void killGateway() throws Exception {
        killAndStart(Part.GATEWAY);
    }

    @Test
    @Order(6)
    void kafkaKilled() throws Exception {
        killAndStart(Part.KAFKA);
    }

    @Test
    @Order(7)
    void kafkaFrozen30s() throws Exception {
        run("kafka frozen 30 s (SIGSTOP, SIGCONT)", () -> stack.freeze(Part.KAFKA), () -> {
            Thread.sleep(30_000);
            stack.thaw(Part.KAFKA);
        });
    }

    @Test
    @Order(8)
    void databaseKilled() throws Exception {
        killAndStart(Part.MONGO);
    }

    /**
     * The mail server hangs for 60 s (SIGSTOP): connections are accepted, nothing is answered. Stopping GreenMail
     * instead would lose the mails it holds in memory, and with them what the checks read.
     */
    @Test
    @Order(9)
    void smtpDown60s() throws Exception {
        run("mail server hung 60 s (SIGSTOP, SIGCONT)", () -> stack.freeze(Part.MAIL), () -> {
            Thread.sleep(60_000);
            stack.thaw(Part.MAIL);
        });
    }

    @Test
    @Order(10)
    void twoInstancesOfScoringAndNotificationOneOfEachKilledMidLoad() throws Exception {
        String scoring2 = stack.addInstance(Part.SCORING_SERVICE);
        String notification2 = stack.addInstance(Part.NOTIFICATION_SERVICE);
        try {
            run("2 × scoring and notification, one of each kill -9", () -> {
                stack.killInstance(scoring2);
                stack.killInstance(notification2);
            }, () -> { });
        } finally {
            for (String name : List.of(scoring2, notification2)) {
                if (stack.instances().contains(name)) {
                    stack.stopInstance(name);
                }
            }
        }
    }

    private void killAndStart(Part part) throws Exception {
        run("kill -9 " + part.id() + ", start", () -> stack.kill(part), () -> stack.start(part));
    }

    private void run(String fault, Action inject, Action repair) throws Exception {
        String slug = fault.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        String callId = "f-" + slug.substring(0, Math.min(20, slug.length())) + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        String admin = stack.token(Role.ADMIN);
        Api checks = new Api(stack.gatewayUrl());
        createCall(checks, callId, admin);

        Api api = new Api(stack.gatewayUrl());
        Verification verification = new Verification(checks, callId, stack.imapPort(),
                code -> stack.token(Role.APPLICANT, code), stack.token(Role.DISTRICT_REVIEWER));
        Instant faultAt;
        Instant repairedAt;
        Duration recovered = null;
        List<Applicant> applicants;
        try (Load load = new Load(api, callId, slug, CODES, (code, unused) -> stack.token(Role.APPLICANT, code))) {
            load.start(RATE);
            Thread.sleep(WARM_SECONDS * 1000L);
            faultAt = Instant.now();
            System.out.println("== fault: " + fault + " at " + faultAt);
            inject.run();
            repair.run();
            repairedAt = Instant.now();
            System.out.println("== repaired after " + Duration.between(faultAt, repairedAt).toSeconds() + " s");
            Instant stopAt = repairedAt.plusSeconds(AFTER_SECONDS);
            Instant giveUpRecovery = repairedAt.plus(Duration.ofMinutes(4));
            while (recovered == null && Instant.now().isBefore(giveUpRecovery)) {
                if (Instant.now().isAfter(stopAt)) {
                    load.stopArrivals();
                }
                recovered = firstRoundTripAfter(load, repairedAt, verification, faultAt);
                if (recovered == null) {
                    Thread.sleep(2000);
                }
            }
            long toStop = Duration.between(Instant.now(), stopAt).toMillis();
            if (toStop > 0) {
                Thread.sleep(toStop);
            }
            assertThat(load.awaitApplicants(Load.GIVE_UP_AFTER.plusMinutes(1)))
                    .as("every applicant finished or gave up").isTrue();
            applicants = load.applicants();
        }

        Map<Applicant, Verification.Finding> open = verification.awaitQuiet(applicants, QUIET_TIMEOUT);
        // quiet: nothing acknowledged is still on its way (a duplicate or a leftover does not go away by waiting)
        Duration quiet = open.values().stream().noneMatch(f -> f.kind() == Verification.Kind.PENDING)
                ? Duration.between(faultAt, Instant.now()) : null;
        Thread.sleep(10_000);
        // once more, everyone: a duplicate may arrive after the first look
        List<Verification.Finding> findings = new ArrayList<>();
        for (Applicant a : applicants) {
            Verification.Finding f = verification.check(a);
            if (f.kind() != Verification.Kind.OK) {
                findings.add(f);
            }
        }
        List<String> problems = new ArrayList<>();
        verification.rankingProblem(applicants).ifPresent(problems::add);

        long lost = findings.stream().filter(f -> f.kind() == Verification.Kind.PENDING).count();
        long duplicated = findings.stream().filter(f -> f.kind() == Verification.Kind.DUPLICATED).count();
        long leftBehind = findings.stream().filter(f -> f.kind() == Verification.Kind.LEFT_BEHIND).count();
        long invisible = applicants.stream().mapToLong(a -> a.invisibleFailures.size()).sum();
        long refused = applicants.stream().filter(a -> a.gaveUp != null).count();
        table.add(new FaultTable.Row(fault, api.sent.sum(), api.failed.sum(), applicants.size(),
                applicants.stream().filter(Applicant::acknowledged).count(),
                applicants.stream().mapToLong(a -> a.adopted).sum(), refused, lost, duplicated, leftBehind, invisible,
                recovered, quiet));

        StringBuilder report = new StringBuilder("fault: " + fault + "\ncall: " + callId + "\n");
        report.append("statuses: 5xx ").append(api.serverErrors.sum()).append(", 4xx ").append(api.clientErrors.sum())
                .append(", no answer ").append(api.noAnswer.sum()).append('\n');
        applicants.stream().filter(a -> a.gaveUp != null).forEach(a -> report.append("gave up: ").append(a).append('\n'));
        applicants.stream().flatMap(a -> a.invisibleFailures.stream().map(x -> "without problem+json: " + x + " — " + a))
                .forEach(x -> report.append(x).append('\n'));
        findings.forEach(f -> report.append(f.kind() == Verification.Kind.PENDING ? "LOST " : "").append(f).append('\n'));
        problems.forEach(p -> report.append(p).append('\n'));
        Files.writeString(OUT.resolve(slug + ".txt"), report, StandardCharsets.UTF_8);
        System.out.println(report);

        assertThat(findings).as("lost, duplicated or left behind after: " + fault).isEmpty();
        assertThat(problems).as("ranking after: " + fault).isEmpty();
        assertThat(invisible).as("failures without a problem+json body").isZero();
        assertThat(applicants.stream().filter(Applicant::acknowledged).count()).as("anything acknowledged at all")
                .isPositive();
    }

    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }

    /** The call of this fault, retried while the stack is still recovering from the last one. */
    private static void createCall(Api api, String callId, String admin) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        Api.Answer answer;
        do {
            answer = api.post("/api/calls", admin, ApplicantForms.openCall(callId));
            if (answer.ok()) {
                // results published from the start (issue 9): each applicant's score is mailed as it comes, which
                // the verification counts
                Api.Answer published;
                do {
                    published = api.post("/api/calls/" + callId + "/results-published", admin, null);
                } while (!published.ok() && Instant.now().isBefore(deadline) && sleep(2000));
                // scoring and notification learn the call from its event
                Thread.sleep(3000);
                return;
            }
            Thread.sleep(2000);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("could not create call " + callId + ": " + answer);
    }

    /**
     * From the fault until an applicant who arrived after the repair was acknowledged, scored and mailed; null while
     * none is.
     */
    private static Duration firstRoundTripAfter(Load load, Instant repairedAt, Verification verification,
            Instant faultAt) {
        List<Applicant> after = load.applicants().stream()
                .filter(a -> !a.startedAt.isBefore(repairedAt) && a.acknowledged()).limit(3)
                .collect(Collectors.toList());
        for (Applicant a : after) {
            if (verification.check(a).kind() == Verification.Kind.OK) {
                return Duration.between(faultAt, Instant.now());
            }
        }
        return null;
    }
}
