package jm.taker.testing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.command.Auth;
import jm.core.command.Fill;
import jm.core.command.IoAuth;
import jm.core.command.IoAuthPayload;
import jm.core.command.OfferCommand;
import jm.core.command.PrivateCommand;
import jm.core.command.PubKey;
import jm.core.command.Push;
import jm.core.command.Sig;
import jm.core.command.SigPayload;
import jm.core.command.Tx;
import jm.core.crypto.BoxChannel;
import jm.core.crypto.BoxKeyPair;
import jm.core.crypto.NickKey;
import jm.core.offer.Fees;
import jm.core.offer.Offer;
import jm.core.offer.OfferType;
import jm.core.podle.Podle;
import jm.core.podle.PodleCommitment;
import jm.core.podle.PodleRevelation;
import jm.core.podle.PodleVerdict;
import jm.core.podle.UtxoRef;
import jm.core.wire.Features;
import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.ScriptBuilder;

/**
 * A maker scripted from jm-core commands, for taker tests: it answers like a maker would
 * (including the PoDLE check and the 8.4 checks of the transaction before signing), or
 * misbehaves as told.
 */
public final class ScriptedMaker {

    /** How it behaves. */
    public enum Behaviour {
        HONEST,
        /** Never answers {@code !fill}. */
        SILENT,
        /** Answers until {@code !tx}, then never signs. */
        SILENT_AT_SIG,
        /** Signs with the wrong key. */
        BAD_SIGNATURE,
        /** Its UTXO is spent (by someone else) right before {@code !ioauth}. */
        SPENT_UTXO,
        /** Declares an unconfirmed UTXO. */
        UNCONFIRMED_UTXO,
        /** Also declares another maker's UTXO. */
        STEALS_UTXO,
        /** Answers {@code !auth} with an {@code !ioauth} encrypted for someone else. */
        GARBAGE_IOAUTH,
        /** Answers {@code !fill} with {@code !error} (a blacklisted commitment). */
        ERROR_ON_FILL,
        /**
         * An NG maker on the neutrino backend: signals {@code features=neutrino_compat} in
         * {@code !pubkey}, answers a legacy {@code !auth} with NG's {@code !error}, checks the
         * extended UTXO's scriptPubKey and height against the chain (as its block-filter check
         * does) and lists its own inputs in the extended form.
         */
        NG_NEUTRINO
    }

    /** NG's answer to a legacy {@code !auth} on the neutrino backend. */
    public static final String NG_NEUTRINO_ERROR =
            "Neutrino backend requires extended UTXO metadata (neutrino_compat) for verification";

    private final NickKey nickKey;
    private final TestChain chain;
    private final Behaviour behaviour;
    private final ECKey utxoKey;
    private final OutPoint utxo;
    private final long utxoValue;
    private final Offer offer;
    private final ECKey cjKey;
    private final ECKey changeKey;
    private final SecureRandom random = new SecureRandom();
    private ScriptedMaker victim;
    private BoxKeyPair box;
    private BoxChannel channel;
    private Sats amount;
    private PodleCommitment commitment;
    private volatile boolean signed;
    private volatile int pushes;
    private volatile int legacyAuths;

    public ScriptedMaker(int seed, TestChain chain, Behaviour behaviour, long utxoValue, String relFee, long txFee) {
        byte[] nk = new byte[32];
        nk[0] = 9;
        nk[31] = (byte) seed;
        this.nickKey = NickKey.fromPrivateKey(nk);
        this.chain = chain;
        this.behaviour = behaviour;
        this.utxoKey = ECKey.fromPrivate(BigInteger.valueOf(5_000_000L + seed * 10L), true);
        this.cjKey = ECKey.fromPrivate(BigInteger.valueOf(5_000_001L + seed * 10L), true);
        this.changeKey = ECKey.fromPrivate(BigInteger.valueOf(5_000_002L + seed * 10L), true);
        this.utxoValue = utxoValue;
        this.utxo = chain.fund(FakeWallet.p2wpkh(utxoKey), utxoValue,
                behaviour == Behaviour.UNCONFIRMED_UTXO ? 0 : 20);
        this.offer = Offer.relative(OfferType.SW0RELOFFER, 0, Sats.of(100_000), Sats.of(utxoValue - 100_000),
                Sats.of(txFee), new BigDecimal(relFee));
    }

    public ScriptedMaker stealingFrom(ScriptedMaker victim) {
        this.victim = victim;
        return this;
    }

    public Nick nick() {
        return nickKey.nick();
    }

    /** Its nick key, to put it on a real message channel. */
    public NickKey nickKey() {
        return nickKey;
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    public OutPoint utxo() {
        return utxo;
    }

    public long utxoValue() {
        return utxoValue;
    }

    public Offer offer() {
        return offer;
    }

    public byte[] cjScript() {
        return FakeWallet.p2wpkh(cjKey);
    }

    public byte[] changeScript() {
        return FakeWallet.p2wpkh(changeKey);
    }

    public boolean signed() {
        return signed;
    }

    public int pushes() {
        return pushes;
    }

    private ECKey bondKey;
    private OutPoint bondUtxo;
    private long bondLocktime;

    /** Gives this maker a fidelity bond (a timelocked output on the fake chain) of {@code value}. */
    public ScriptedMaker withBond(long value, long locktime) {
        bondKey = ECKey.fromPrivate(BigInteger.valueOf(7_000_000L + utxoValue), true);
        bondLocktime = locktime;
        bondUtxo = chain.fund(jm.core.bond.FidelityBondScripts.bondScriptPubKey(locktime, bondKey.getPubKey()), value, 50);
        return this;
    }

    private int offerCopies = 1;

    /**
     * Answers {@code !orderbook} as an NG maker on {@code copies} directories: one copy of the
     * offer and bond proof per directory, each proof with a fresh certificate key.
     */
    public ScriptedMaker withOfferCopies(int copies) {
        offerCopies = copies;
        return this;
    }

    public OutPoint bondUtxo() {
        return bondUtxo;
    }

    /** Reply to {@code !orderbook} from {@code taker}: the offer, then the bond proof for that taker. */
    public List<PrivateCommand> offers(Nick taker) {
        if (bondKey == null) {
            return List.of(new OfferCommand(offer));
        }
        List<PrivateCommand> out = new ArrayList<>();
        for (int i = 0; i < offerCopies; i++) {
            ECKey cert = offerCopies == 1 ? ECKey.fromPrivate(BigInteger.valueOf(8_000_000L + utxoValue), true)
                    : new ECKey(random);
            jm.core.bond.BondProof proof = jm.core.bond.BondProof.build(bondKey, cert,
                    jm.core.bond.BondProof.certExpiryFor(chain.tipHeight()), taker, nick(), bondUtxo, bondLocktime);
            out.add(new OfferCommand(offer));
            out.add(jm.core.command.TBond.of(proof.toBytes()));
        }
        return out;
    }

    /** Handles one command from the taker; returns the replies. */
    public synchronized List<PrivateCommand> handle(Object command) {
        try {
            if (command instanceof Fill f) {
                return onFill(f);
            }
            if (command instanceof Auth a) {
                return onAuth(a);
            }
            if (command instanceof Tx t) {
                return onTx(t);
            }
            if (command instanceof Push p) {
                pushes++;
                try {
                    chain.broadcast(p.tx());
                } catch (RuntimeException e) {
                    // already broadcast: fine
                }
                return List.of();
            }
        } catch (Exception e) {
            throw new IllegalStateException("scripted maker failed: " + e, e);
        }
        return List.of();
    }

    private List<PrivateCommand> onFill(Fill f) throws Exception {
        if (behaviour == Behaviour.SILENT || f.oid() != offer.oid()) {
            return List.of();
        }
        if (behaviour == Behaviour.ERROR_ON_FILL) {
            return List.of(new jm.core.command.ErrorCommand("Commitment is blacklisted: " + f.commitment().toHex()));
        }
        box = BoxKeyPair.generate(random);
        channel = BoxChannel.of(box, f.takerBoxPubHex());
        amount = f.amount();
        commitment = f.commitment();
        String boxHex = HexFormat.of().formatHex(box.publicKey());
        return List.of(behaviour == Behaviour.NG_NEUTRINO ? new PubKey(boxHex, Set.of(Features.NEUTRINO_COMPAT))
                : PubKey.of(boxHex));
    }

    private List<PrivateCommand> onAuth(Auth a) throws Exception {
        PodleRevelation rev = a.open(channel);
        if (!(Podle.verify(rev, commitment, 3) instanceof PodleVerdict.Accepted)) {
            return List.of();
        }
        boolean extended = rev.utxo().isExtended();
        if (behaviour == Behaviour.NG_NEUTRINO) {
            if (!extended) {
                legacyAuths++;
                return List.of(new jm.core.command.ErrorCommand(NG_NEUTRINO_ERROR));
            }
            if (!rev.utxo().equals(extendedRef(rev.utxo().outPoint()))) {
                return List.of(new jm.core.command.ErrorCommand("Taker's UTXO verification failed"));
            }
        } else if (extended) {
            return List.of(); // a reference maker cannot parse the extended form: the !auth is lost
        }
        if (behaviour == Behaviour.SPENT_UTXO) {
            chain.spend(utxo, utxoKey, utxoValue);
        }
        List<UtxoRef> utxos = new ArrayList<>();
        utxos.add(behaviour == Behaviour.NG_NEUTRINO ? extendedRef(utxo) : UtxoRef.legacy(utxo));
        if (behaviour == Behaviour.STEALS_UTXO && victim != null) {
            utxos.add(UtxoRef.legacy(victim.utxo()));
        }
        IoAuthPayload p = IoAuthPayload.create(utxos, utxoKey, FakeWallet.address(cjKey), FakeWallet.address(changeKey),
                HexFormat.of().formatHex(box.publicKey()));
        if (behaviour == Behaviour.GARBAGE_IOAUTH) {
            BoxChannel wrong = BoxChannel.of(BoxKeyPair.generate(random), box.publicKey());
            return List.of(IoAuth.seal(wrong, p, random));
        }
        return List.of(IoAuth.seal(channel, p, random));
    }

    /** The extended form of {@code op} as the chain knows it (legacy if it is not confirmed). */
    private UtxoRef extendedRef(OutPoint op) {
        long tip = chain.tipHeight();
        return chain.getTxOut(op, false)
                .filter(o -> o.confirmations() >= 1)
                .map(o -> UtxoRef.extended(op, o.scriptPubKey(), tip - o.confirmations() + 1))
                .orElse(UtxoRef.legacy(op));
    }

    /** How many legacy {@code !auth} an {@link Behaviour#NG_NEUTRINO} maker refused. */
    public int legacyAuths() {
        return legacyAuths;
    }

    private List<PrivateCommand> onTx(Tx t) throws Exception {
        if (behaviour == Behaviour.SILENT_AT_SIG) {
            return List.of();
        }
        byte[] raw = t.open(channel).tx();
        Transaction tx = Transaction.read(ByteBuffer.wrap(raw));
        long fee = Fees.cjFee(offer, amount.value());
        long expectedChange = utxoValue - amount.value() - offer.txFee().value() + fee;
        int cjOuts = 0;
        int changeOuts = 0;
        for (TransactionOutput o : tx.getOutputs()) {
            if (Arrays.equals(o.getScriptBytes(), cjScript()) && o.getValue().value >= amount.value()) {
                cjOuts++;
            }
            if (Arrays.equals(o.getScriptBytes(), changeScript()) && o.getValue().value >= expectedChange) {
                changeOuts++;
            }
        }
        if (cjOuts != 1 || changeOuts != 1) {
            return List.of(); // the 8.4 checks fail: do not sign
        }
        for (int i = 0; i < tx.getInputs().size(); i++) {
            var in = tx.getInput(i);
            if (in.getOutpoint().hash().equals(utxo.txid()) && in.getOutpoint().index() == utxo.vout()) {
                ECKey signer = behaviour == Behaviour.BAD_SIGNATURE ? changeKey : utxoKey;
                TransactionSignature sig = tx.calculateWitnessSignature(i, signer,
                        ScriptBuilder.createP2PKHOutputScript(utxoKey.getPubKeyHash()), Coin.valueOf(utxoValue),
                        Transaction.SigHash.ALL, false);
                signed = true;
                SigPayload payload = new SigPayload(sig.encodeToBitcoin(), utxoKey.getPubKey());
                // sent twice, as over two directories: the taker must count it once
                Sig s = Sig.seal(channel, payload, random);
                return List.of(s, s);
            }
        }
        return List.of();
    }
}
