package jm.wallet.keys;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import jm.core.Network;
import org.bitcoinj.base.LegacyAddress;
import org.bitcoinj.base.ScriptType;
import org.bitcoinj.crypto.ChildNumber;
import org.bitcoinj.crypto.DeterministicKey;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.HDKeyDerivation;
import org.bitcoinj.script.ScriptBuilder;

/**
 * The BIP32 key tree of one wallet: master key from the BIP39 seed, account keys at
 * {@code m/purpose'/coin'/mixdepth'}, and the non-hardened children below them. Holds private
 * keys: {@link #toString()} is redacted and instances are never logged. Thread-safe.
 */
public final class HdKeys {
    /** Prefix the reference puts before the mixdepth-0 export of a fidelity-bond wallet. */
    public static final String FIDELITY_BOND_XPUB_PREFIX = "fbonds-mpk-";

    private final Network network;
    private final WalletType type;
    private final DeterministicKey purposeCoin;
    private final ConcurrentMap<Integer, DeterministicKey> accounts = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, DeterministicKey> branches = new ConcurrentHashMap<>();

    private HdKeys(Network network, WalletType type, DeterministicKey master) {
        this.network = network;
        this.type = type;
        DeterministicKey p = HDKeyDerivation.deriveChildKey(master, new ChildNumber(type.purpose(), true));
        this.purposeCoin = HDKeyDerivation.deriveChildKey(p, new ChildNumber(network.coinType(), true));
    }

    public static HdKeys fromMnemonic(Mnemonic mnemonic, Passphrase passphrase, Network network, WalletType type) {
        byte[] seed = mnemonic.toSeed(passphrase);
        try {
            return fromSeed(seed, network, type);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    public static HdKeys fromSeed(byte[] seed, Network network, WalletType type) {
        return new HdKeys(network, type, HDKeyDerivation.createMasterPrivateKey(seed.clone()));
    }

    public Network network() {
        return network;
    }

    public WalletType type() {
        return type;
    }

    /** The account key {@code m/purpose'/coin'/mixdepth'} (private). */
    public DeterministicKey accountKey(int mixdepth) {
        checkMixdepth(mixdepth);
        return accounts.computeIfAbsent(mixdepth,
                m -> HDKeyDerivation.deriveChildKey(purposeCoin, new ChildNumber(m, true)));
    }

    private DeterministicKey branchKey(int mixdepth, Branch branch) {
        long k = ((long) mixdepth << 8) | branch.index();
        return branches.computeIfAbsent(k,
                x -> HDKeyDerivation.deriveChildKey(accountKey(mixdepth), new ChildNumber(branch.index(), false)));
    }

    /** The account extended public key with plain xpub/tpub version bytes (no prefix). */
    public String accountXpub(int mixdepth) {
        return accountKey(mixdepth).serializePubB58(network.bitcoinj());
    }

    /**
     * The account export as the reference prints it: the mixdepth-0 export of a fidelity-bond
     * wallet carries the {@code fbonds-mpk-} prefix.
     */
    public String accountExport(int mixdepth, boolean fidelityBondWallet) {
        String x = accountXpub(mixdepth);
        return fidelityBondWallet && mixdepth == 0 ? FIDELITY_BOND_XPUB_PREFIX + x : x;
    }

    public KeyPath path(int mixdepth, Branch branch, int index) {
        return new KeyPath(type.purpose(), network.coinType(), mixdepth, branch, index);
    }

    /** The private key at a path of this wallet. */
    public ECKey key(KeyPath path) {
        if (path.purpose() != type.purpose() || path.coinType() != network.coinType()) {
            throw new IllegalArgumentException("path " + path + " is not in this wallet");
        }
        return HDKeyDerivation.deriveChildKey(branchKey(path.mixdepth(), path.branch()),
                new ChildNumber(path.index(), false));
    }

    public ECKey key(int mixdepth, Branch branch, int index) {
        return key(path(mixdepth, branch, index));
    }

    /** Address of an external or internal key. */
    public WalletAddress address(int mixdepth, Branch branch, int index) {
        if (branch == Branch.BOND) {
            throw new IllegalArgumentException("bond addresses are P2WSH: use the bond branch");
        }
        KeyPath path = path(mixdepth, branch, index);
        ECKey key = key(path);
        byte[] pub = key.getPubKey();
        if (type == WalletType.P2WPKH) {
            var addr = key.toAddress(ScriptType.P2WPKH, network.bitcoinj());
            byte[] spk = ScriptBuilder.createOutputScript(addr).program();
            return new WalletAddress(path, addr.toString(), pub, spk);
        }
        byte[] redeem = ScriptBuilder.createP2WPKHOutputScript(key).program();
        var addr = LegacyAddress.fromScriptHash(network.bitcoinj(), hash160(redeem));
        byte[] spk = ScriptBuilder.createOutputScript(addr).program();
        return new WalletAddress(path, addr.toString(), pub, spk);
    }

    /** Compressed WIF of a key (0x80 mainnet, 0xEF otherwise). Secret. */
    public String wif(KeyPath path) {
        return key(path).getPrivateKeyAsWiF(network.bitcoinj());
    }

    static byte[] hash160(byte[] data) {
        byte[] sha = jm.core.crypto.Hashes.sha256(data);
        var ripe = new org.bouncycastle.crypto.digests.RIPEMD160Digest();
        ripe.update(sha, 0, sha.length);
        byte[] out = new byte[20];
        ripe.doFinal(out, 0);
        return out;
    }

    private static void checkMixdepth(int mixdepth) {
        if (mixdepth < 0 || mixdepth >= KeyPath.MAX_MIXDEPTHS) {
            throw new IllegalArgumentException("mixdepth out of range: " + mixdepth);
        }
    }

    @Override
    public String toString() {
        return "HdKeys[" + network + ", " + type + ", redacted]";
    }
}
