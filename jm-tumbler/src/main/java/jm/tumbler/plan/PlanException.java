package jm.tumbler.plan;

/** A plan cannot be made or read: bad parameters, no coins, a malformed schedule file. */
public final class PlanException extends RuntimeException {
    public PlanException(String message) {
        super(message);
    }
}
