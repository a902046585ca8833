package jm.wallet.bond;

import jm.core.bond.FidelityBondScripts;
import jm.wallet.keys.Branch;
import jm.wallet.keys.HdKeys;
import jm.wallet.keys.KeyPath;
import org.bitcoinj.base.SegwitAddress;
import org.bitcoinj.crypto.ECKey;

/** Derives fidelity-bond keys and addresses of a wallet (mixdepth 0, branch 2, index = timenumber). */
public final class BondBranch {
    private final HdKeys keys;

    public BondBranch(HdKeys keys) {
        this.keys = keys;
    }

    public BondAddress address(int timenumber) {
        long locktime = TimeNumbers.toLocktime(timenumber);
        KeyPath path = keys.path(0, Branch.BOND, timenumber);
        byte[] pub = keys.key(path).getPubKey();
        byte[] ws = FidelityBondScripts.freezeScript(locktime, pub);
        byte[] spk = FidelityBondScripts.p2wshScriptPubKey(ws);
        byte[] program = java.util.Arrays.copyOfRange(spk, 2, 34);
        String addr = SegwitAddress.fromProgram(keys.network().bitcoinj(), 0, program).toString();
        return new BondAddress(path, locktime, pub, ws, spk, addr);
    }

    /** The private key of a bond (for spending after the lock and for the bond proof). */
    public ECKey key(int timenumber) {
        return keys.key(keys.path(0, Branch.BOND, timenumber));
    }
}
