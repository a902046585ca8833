package jm.maker.testing;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.command.Auth;
import jm.core.command.IoAuth;
import jm.core.command.IoAuthPayload;
import jm.core.command.PubKey;
import jm.core.command.Sig;
import jm.core.command.SigPayload;
import jm.core.command.Tx;
import jm.core.command.TxPayload;
import jm.core.crypto.BoxChannel;
import jm.core.crypto.BoxKeyPair;
import jm.core.podle.Podle;
import jm.core.podle.PodleRevelation;
import jm.core.podle.UtxoRef;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;

/**
 * A taker built from jm-core commands only, for driving a maker step by step: it produces the
 * argument strings of {@code !fill}, {@code !auth}, {@code !tx}, {@code !push} and reads the
 * maker's {@code !pubkey}, {@code !ioauth} and {@code !sig}.
 */
public final class ScriptedTaker {
    public final Nick nick;
    public final ECKey utxoKey;
    public final OutPoint utxo;
    public final long utxoValue;
    public final BoxKeyPair box;
    private final SecureRandom random = new SecureRandom();
    private BoxChannel channel;
    public IoAuthPayload ioauth;
    public RawTx unsignedTx;
    public final BitcoinNetwork network;

    public ScriptedTaker(Nick nick, String label, long utxoValue, BitcoinNetwork network) {
        this(nick, CoinJoinFixture.key("taker utxo key " + label),
                new OutPoint(CoinJoinFixture.hash("taker utxo " + label), 0), utxoValue, network);
    }

    /** A taker whose commitment (and CoinJoin input) is a real coin {@code utxo} of {@code utxoKey}. */
    public ScriptedTaker(Nick nick, ECKey utxoKey, OutPoint utxo, long utxoValue, BitcoinNetwork network) {
        this.nick = nick;
        this.utxoKey = utxoKey;
        this.utxo = utxo;
        this.utxoValue = utxoValue;
        this.box = BoxKeyPair.generate(random);
        this.network = network;
    }

    public byte[] utxoScript() {
        return ScriptBuilder.createP2WPKHOutputScript(utxoKey).program();
    }

    public String commitmentField(int index) {
        return Podle.commitment(utxoKey, index).toFillField();
    }

    public String fillArgs(long oid, long amount, int index) {
        return oid + " " + amount + " " + box.publicKeyHex() + " " + commitmentField(index);
    }

    public void onPubkey(String data) throws ProtocolException {
        PubKey pk = PubKey.parse(data);
        pubkeyFeatures = pk.features();
        channel = BoxChannel.of(box, pk.makerBoxPubHex());
    }

    /** Features the maker signalled in its last {@code !pubkey}. */
    public Set<String> pubkeyFeatures = Set.of();
    private UtxoRef commitmentUtxo;

    /**
     * As an NG taker on the neutrino backend: {@code !auth} names the commitment UTXO in the
     * extended form {@code txid:vout:scriptPubKey:height}.
     */
    public ScriptedTaker withExtendedUtxo(long confirmationHeight) {
        commitmentUtxo = UtxoRef.extended(utxo, utxoScript(), confirmationHeight);
        return this;
    }

    public boolean extendedAuth() {
        return commitmentUtxo != null;
    }

    public String authArgs(int index) {
        PodleRevelation rev = Podle.prove(utxoKey, commitmentUtxo != null ? commitmentUtxo : UtxoRef.legacy(utxo),
                index, random);
        return Auth.seal(channel, rev, random).ciphertext();
    }

    public IoAuthPayload onIoauth(String data) throws ProtocolException {
        ioauth = new IoAuth(data).open(channel);
        return ioauth;
    }

    /** An honest CoinJoin for the maker's !ioauth: pays cj, change = sum - amount - txfee + cjfee. */
    public RawTx honestTx(long amount, long makerInputsTotal, long cjFee, long txFee) {
        return honestTx(amount, makerInputsTotal, cjFee, txFee, 1_000);
    }

    /** As {@link #honestTx(long, long, long, long)} with the taker paying {@code minerFee} (plus the maker's txfee). */
    public RawTx honestTx(long amount, long makerInputsTotal, long cjFee, long txFee, long minerFee) {
        RawTx tx = new RawTx();
        tx.lockTime = 0;
        tx.inputs.clear();
        tx.in(utxo);
        for (UtxoRef u : ioauth.utxos()) {
            tx.in(u.outPoint());
        }
        tx.out(amount, scriptOf(ioauth.cjAddress()));
        tx.out(makerInputsTotal - amount - txFee + cjFee, scriptOf(ioauth.changeAddress()));
        tx.out(amount, ScriptBuilder.createP2WPKHOutputScript(CoinJoinFixture.key("taker cj " + nick)).program());
        long takerChange = utxoValue - amount - cjFee + txFee - minerFee;
        tx.out(takerChange, ScriptBuilder.createP2WPKHOutputScript(CoinJoinFixture.key("taker change " + nick)).program());
        unsignedTx = tx;
        return tx;
    }

    public byte[] scriptOf(String address) {
        Address a = AddressParser.getDefault(network).parseAddress(address);
        return ScriptBuilder.createOutputScript(a).program();
    }

    public String txArgs(RawTx tx) {
        return Tx.seal(channel, new TxPayload(tx.serialize()), random).ciphertext();
    }

    public SigPayload openSig(String data) throws ProtocolException {
        return new Sig(data).open(channel);
    }

    public String pushArgs(byte[] signedTx) {
        return Base64.getEncoder().encodeToString(signedTx);
    }

    public List<SigPayload> openSigs(List<String> datas) throws ProtocolException {
        List<SigPayload> out = new ArrayList<>();
        for (String d : datas) {
            out.add(openSig(d));
        }
        return out;
    }
}
