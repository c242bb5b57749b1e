package org.tsbase.application.intake;

import java.util.List;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.tsbase.support.web.ApiException;

/**
 * The refusals of the application workflow, thrown by the {@link Application} aggregate. They are
 * {@link ApiException}s, so the one problem handler of service-support (ProblemDetailsAdvice) renders them as RFC
 * 9457 problems in the caller's language: the HTTP status is decided here, once per kind of refusal, and nowhere in
 * a controller or a store.
 */
public abstract sealed class WorkflowException extends ApiException
        permits WorkflowException.WrongStatus, WorkflowException.QuotaExhausted, WorkflowException.RuleBroken,
        WorkflowException.NotAllowed {

    private WorkflowException(HttpStatus status, List<FieldProblem> errors, String code, Object... args) {
        super(status, errors, code, args);
    }

    /** 409: the step is not possible from the application's current status; the problem names that status. */
    public static final class WrongStatus extends WorkflowException {
        WrongStatus(ApplicationStatus current, String action) {
            super(HttpStatus.CONFLICT, List.of(), "application.wrong-status",
                    new DefaultMessageSourceResolvable(current.label()), new DefaultMessageSourceResolvable(action),
                    current.name());
        }
    }

    /** 409: the call's quota of recommendations for the type is used up (a state that may change, hence 409). */
    public static final class QuotaExhausted extends WorkflowException {
        QuotaExhausted(String typeLabel, int quota) {
            super(HttpStatus.CONFLICT, List.of(), "recommend.quota-exhausted",
                    new DefaultMessageSourceResolvable(typeLabel), String.valueOf(quota));
        }
    }

    /** 422: a rule of the call or the procedure (pass mark, review period, deadline, what a submission needs). */
    public static final class RuleBroken extends WorkflowException {
        RuleBroken(String code, Object... args) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, List.of(), code, args);
        }

        RuleBroken(List<FieldProblem> errors, String code, Object... args) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, errors, code, args);
        }
    }

    /** 403: the caller may not take this step (an applicant's step by a reviewer, an override by a non-ADMIN). */
    public static final class NotAllowed extends WorkflowException {
        NotAllowed(String code, Object... args) {
            super(HttpStatus.FORBIDDEN, List.of(), code, args);
        }
    }
}
