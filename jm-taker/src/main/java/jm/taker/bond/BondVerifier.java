package jm.taker.bond;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jm.chain.ChainBackend;
import jm.chain.TxOutInfo;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.bond.BondProof;
import jm.core.bond.BondValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a maker's {@code !tbond} proof (PROTOCOL.md 10.3): both signatures bound to the taker
 * and maker nicks, the certificate not expired at the chain tip, the UTXO unspent, confirmed and
 * paying to the proof's freeze script ({@code gettxout} without the mempool); then values it
 * (PROTOCOL.md 10.4) at the tip's median time, dated by the header time of its confirming block. Never throws on peer input: anything that does not verify is {@link Optional#empty()}.
 * Blocking (chain RPC): call it off event loops.
 *
 * <p>Verdicts are kept per (maker, bond outpoint, certificate expiry), at most
 * {@link #MAX_VERDICTS}: NG makers send one proof per offer per directory, each with a fresh
 * certificate key, and every copy would otherwise cost two ECDSA checks and three chain calls.
 * The copies come in PRIVMSGs signed by the maker's nick key, so only the maker itself could vary
 * them. A long-running user calls {@link #forget()} now and then, so that spent bonds and aged
 * values are noticed.
 */
public final class BondVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(BondVerifier.class);
    /** Verdicts kept; the cache is emptied when full. */
    public static final int MAX_VERDICTS = 10_000;

    private record Key(Nick maker, OutPoint utxo, int certExpiry) {
    }

    private final Map<Key, Optional<VerifiedBond>> verdicts = new HashMap<>();

    private final ChainBackend chain;

    public BondVerifier(ChainBackend chain) {
        this.chain = Objects.requireNonNull(chain);
    }

    /**
     * @param takerNick   the nick the proof was sent to (ours)
     * @param maker       the nick that sent it
     * @param proofBase64 the proof text from {@code !tbond}
     * @return the verified bond, or empty if anything did not check out
     */
    public synchronized Optional<VerifiedBond> verify(Nick takerNick, Nick maker, String proofBase64) {
        BondProof proof;
        try {
            proof = BondProof.parse(proofBase64);
        } catch (ProtocolException | RuntimeException e) {
            LOG.debug("{} bond unparseable: {}", maker, e.toString());
            return Optional.empty();
        }
        if (verdicts.size() >= MAX_VERDICTS) {
            verdicts.clear();
        }
        return verdicts.computeIfAbsent(new Key(maker, proof.utxo(), proof.certExpiry()),
                k -> check(takerNick, maker, proof));
    }

    /** Forgets every verdict: the next proof of each bond is checked against the chain again. */
    public synchronized void forget() {
        verdicts.clear();
    }

    private Optional<VerifiedBond> check(Nick takerNick, Nick maker, BondProof proof) {
        try {
            if (!proof.verify(takerNick, maker).isValid()) {
                return Optional.empty();
            }
            if (!proof.certValidAtHeight(chain.tipHeight())) {
                return Optional.empty();
            }
            Optional<TxOutInfo> out = chain.getTxOut(proof.utxo(), false);
            if (out.isEmpty() || out.get().confirmations() < 1
                    || !Arrays.equals(out.get().scriptPubKey(), proof.expectedScriptPubKey())) {
                return Optional.empty();
            }
            long now = chain.tipMedianTime();
            int confirmations = out.get().confirmations();
            // as the reference: the header time of the confirming block, tip - confirmations + 1
            long confirmedAt = chain.confirmationTime(confirmations);
            long sats = out.get().value().value();
            double value = BondValue.value(sats, confirmedAt, proof.locktime(), now);
            if (!(value > 0) || Double.isInfinite(value)) {
                return Optional.empty();
            }
            return Optional.of(new VerifiedBond(maker, proof.utxo(), out.get().value(), proof.locktime(),
                    proof.certExpiry(), proof.utxoPub(), confirmations, confirmedAt, value));
        } catch (RuntimeException e) {
            LOG.debug("{} bond rejected: {}", maker, e.toString());
            return Optional.empty();
        }
    }
}
