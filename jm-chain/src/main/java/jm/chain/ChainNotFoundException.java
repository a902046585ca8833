package jm.chain;

/** The requested transaction, block or wallet does not exist. */
public class ChainNotFoundException extends ChainException {
    private static final long serialVersionUID = 1L;

    public ChainNotFoundException(String message) {
        super(message);
    }
}
