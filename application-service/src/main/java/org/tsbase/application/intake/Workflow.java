package org.tsbase.application.intake;

import java.util.Arrays;

/** The state checks of the workflow: a step from the wrong state is a 409 that names the current state. */
public final class Workflow {

    private Workflow() {
    }

    /**
     * @param action message code of the step, e.g. {@code action.submit}
     */
    public static void require(Application application, String action, ApplicationStatus... allowed) {
        if (!Arrays.asList(allowed).contains(application.status())) {
            throw new WorkflowException.WrongStatus(application.status(), action);
        }
    }
}
