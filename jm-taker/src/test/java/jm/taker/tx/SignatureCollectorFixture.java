package jm.taker.tx;

/** The Appendix A CoinJoin of PROTOCOL.md, for tests outside this package. */
public final class SignatureCollectorFixture {
    public static final String SIG_BLOB = SignatureCollectorTest.SIG_BLOB;

    private SignatureCollectorFixture() {
    }

    public static CoinJoinTransaction vectorTx() {
        return SignatureCollectorTest.vectorTx();
    }
}
