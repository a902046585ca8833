package jm.wallet.bond;

/** Builds the fidelity-bond witness script and its P2WSH output script. */
public interface FreezeScripts {
    /** {@code <locktime> OP_CHECKLOCKTIMEVERIFY OP_DROP <pubKey33> OP_CHECKSIG}. */
    byte[] freezeScript(long locktime, byte[] pubKey33);

    /** {@code OP_0 <SHA256(witnessScript)>}. */
    byte[] p2wshScriptPubKey(byte[] witnessScript);

    /** The wallet's own implementation. */
    static FreezeScripts local() {
        return LocalFreezeScripts.INSTANCE;
    }
}
