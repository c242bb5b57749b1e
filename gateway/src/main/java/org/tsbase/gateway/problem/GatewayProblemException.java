package org.tsbase.gateway.problem;

/**
 * Raised where the gateway decides to refuse a request in the middle of a reactive pipeline
 * (for example a streamed body growing past its limit); rendered as problem+json.
 */
public class GatewayProblemException extends RuntimeException {

    private final GatewayProblem problem;
    private final transient Object[] arguments;

    public GatewayProblemException(GatewayProblem problem, Object... arguments) {
        super(problem.slug(), null, false, false);
        this.problem = problem;
        this.arguments = arguments.clone();
    }

    public GatewayProblem problem() {
        return problem;
    }

    Object[] arguments() {
        return arguments.clone();
    }
}
