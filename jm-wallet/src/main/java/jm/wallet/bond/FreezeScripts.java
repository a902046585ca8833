package jm.wallet.bond;

/** Builds the fidelity-bond witness script and its P2WSH output script. */
public interface FreezeScripts {
    /** {@code <locktime> OP_CHECKLOCKTIMEVERIFY OP_DROP <pubKey33> OP_CHECKSIG}. */
    byte[] freezeScript(long locktime, byte[] pubKey33);

    /** {@code OP_0 <SHA256(witnessScript)>}. */
    byte[] p2wshScriptPubKey(byte[] witnessScript);

    /** The wallet's own implementation (kept as an independent cross-check in tests). */
    static FreezeScripts local() {
        return LocalFreezeScripts.INSTANCE;
    }

    /** jm-core's {@code jm.core.bond.FidelityBondScripts}, the one the maker's bond proof also uses. */
    static FreezeScripts core() {
        return new FreezeScripts() {
            @Override
            public byte[] freezeScript(long locktime, byte[] pubKey33) {
                return jm.core.bond.FidelityBondScripts.freezeScript(locktime, pubKey33);
            }

            @Override
            public byte[] p2wshScriptPubKey(byte[] witnessScript) {
                return jm.core.bond.FidelityBondScripts.p2wshScriptPubKey(witnessScript);
            }
        };
    }
}
