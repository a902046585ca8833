package jm.taker.session;

import java.util.Optional;
import jm.chain.ChainBackend;
import jm.chain.TxOutInfo;
import jm.core.OutPoint;
import jm.core.podle.PodleRevelation;
import jm.core.podle.UtxoRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The two forms in which {@code !auth} names the commitment UTXO (PROTOCOL.md 5.6). */
final class RevelationForms {
    private static final Logger LOG = LoggerFactory.getLogger(RevelationForms.class);

    private RevelationForms() {
    }

    /**
     * The revelation with its UTXO in the extended form {@code txid:vout:scriptPubKey:height}
     * (5.6), which NG makers on the neutrino backend need; the session sends the legacy form
     * to makers that did not signal {@code neutrino_compat}. The height is the block that confirmed
     * the coin, read between two equal tip heights so a block found meanwhile cannot skew it.
     * Unchanged (legacy) when the chain cannot tell.
     */
    static PodleRevelation withChainMetadata(ChainBackend chain, PodleRevelation r) {
        OutPoint op = r.utxo().outPoint();
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                long tip = chain.tipHeight();
                Optional<TxOutInfo> out = chain.getTxOut(op, false);
                if (out.isEmpty() || out.get().confirmations() < 1) {
                    break;
                }
                if (chain.tipHeight() == tip) {
                    UtxoRef ext = UtxoRef.extended(op, out.get().scriptPubKey(), tip - out.get().confirmations() + 1);
                    return new PodleRevelation(ext, r.p(), r.p2(), r.s(), r.e());
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("no chain metadata for the commitment UTXO {}: {}", op, e.toString());
        }
        return r;
    }

    /** The revelation with its UTXO in the legacy form {@code txid:vout} (what reference makers parse). */
    static PodleRevelation legacy(PodleRevelation r) {
        if (r.utxo().scriptPubKey() == null) {
            return r;
        }
        return new PodleRevelation(UtxoRef.legacy(r.utxo().outPoint()), r.p(), r.p2(), r.s(), r.e());
    }
}
