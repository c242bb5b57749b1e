package org.tsbase.system.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One applicant of the load: an organisation of its own, which names a contact, creates a 示范点 application and
 * submits it, each step retried safely after a failure that may or may not have taken effect (it reads back first).
 * What the system acknowledged is what the checks afterwards hold it to.
 */
final class Applicant {
    enum Step { CONTACT, CREATE, SUBMIT, DONE }

    final int number;
    final String creditCode;
    final String organizationName;
    final String email;
    final Instant startedAt = Instant.now();

    volatile Step step = Step.CONTACT;
    /** Set when the system said 2xx to the step, or when reading back after a failure showed it had taken effect. */
    volatile String contactId;
    volatile String applicationId;
    volatile boolean submitted;
    volatile Instant submittedAt;
    /** Steps whose effect was found by reading back after a failed request (a safe retry, not a new one). */
    volatile int adopted;
    /** Requests of this applicant that failed (answered 4xx/5xx, or not at all). */
    volatile int failures;
    /** Why it gave up, if it did: a failure that was not transient, or the deadline. */
    volatile String gaveUp;
    final List<String> invisibleFailures = Collections.synchronizedList(new ArrayList<>());

    Applicant(int number, String creditCode, String email) {
        this.number = number;
        this.creditCode = creditCode;
        this.organizationName = "故障测试企业" + creditCode.substring(8, 16) + "有限公司";
        this.email = email;
    }

    boolean acknowledged() {
        return submitted;
    }

    @Override
    public String toString() {
        return "applicant " + number + " (" + creditCode + ", " + email + ", application " + applicationId
                + ", step " + step + (gaveUp == null ? "" : ", gave up: " + gaveUp) + ")";
    }
}
