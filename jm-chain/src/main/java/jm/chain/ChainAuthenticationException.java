package jm.chain;

/**
 * The node refused our credentials (HTTP 401), or the cookie file could not be read. A
 * {@link ChainUnavailableException} because a restarted node rewrites its cookie, but retrying
 * with the same wrong password will not help: fix the configuration.
 */
public class ChainAuthenticationException extends ChainUnavailableException {
    private static final long serialVersionUID = 1L;

    /** @param cause what went wrong reading the cookie, or null when the node refused the credentials */
    public ChainAuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
