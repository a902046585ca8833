package jm.core.bond;

/** The outcome of checking a bond proof's signatures for one taker. */
public sealed interface BondVerdict {

    record Valid() implements BondVerdict {
    }

    record Invalid(Reason reason, String detail) implements BondVerdict {
    }

    enum Reason {
        /** cert_pub or utxo_pub is not a valid point. */
        INVALID_KEY,
        /** The cert key's signature over {@code taker|maker} does not verify (wrong taker, forged). */
        NICK_SIGNATURE,
        /** The utxo key's certificate signature does not verify in either form. */
        CERT_SIGNATURE
    }

    default boolean isValid() {
        return this instanceof Valid;
    }
}
