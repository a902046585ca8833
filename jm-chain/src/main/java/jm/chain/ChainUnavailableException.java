package jm.chain;

/** The node cannot be reached, is still starting, or refused our credentials. Retry with backoff. */
public class ChainUnavailableException extends ChainException {
    private static final long serialVersionUID = 1L;

    public ChainUnavailableException(String message) {
        super(message);
    }

    public ChainUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
