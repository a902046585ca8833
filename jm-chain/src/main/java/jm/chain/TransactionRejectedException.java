package jm.chain;

/**
 * The node refused a transaction. {@link #code()} is Bitcoin Core's RPC error code
 * (e.g. -25 missing inputs / bad-txns-inputs-missingorspent, -26 verify rejected,
 * -27 already in chain) and {@link #reason()} its message.
 */
public class TransactionRejectedException extends ChainException {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final String reason;

    public TransactionRejectedException(int code, String reason) {
        super("transaction rejected (" + code + "): " + reason);
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }
}
