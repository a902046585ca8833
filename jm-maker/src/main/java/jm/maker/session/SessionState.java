package jm.maker.session;

/** Where a maker session stands (PROTOCOL.md 8.1). Transitions only move forward. */
public enum SessionState {
    /** {@code !fill} accepted, {@code !pubkey} sent, waiting for {@code !auth}. */
    PUBKEY_SENT,
    /** {@code !auth} verified, inputs reserved, {@code !ioauth} sent, waiting for {@code !tx}. */
    IOAUTH_SENT,
    /** {@code !tx} verified and signed, {@code !sig} sent; only {@code !push} remains. */
    SIG_SENT
}
