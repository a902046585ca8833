package jm.wallet.coins;

import jm.wallet.errors.WalletException;

/** The eligible coins do not cover the amount asked for. */
public final class InsufficientFundsException extends WalletException {
    private static final long serialVersionUID = 1L;
    private final long needed;
    private final long available;

    public InsufficientFundsException(long needed, long available) {
        super("not enough funds: need " + needed + " sats, " + available + " sats eligible");
        this.needed = needed;
        this.available = available;
    }

    public long needed() {
        return needed;
    }

    public long available() {
        return available;
    }
}
