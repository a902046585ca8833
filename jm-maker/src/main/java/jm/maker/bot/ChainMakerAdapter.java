package jm.maker.bot;

import java.util.Objects;
import java.util.Optional;
import jm.chain.ChainBackend;
import jm.core.OutPoint;
import org.bitcoinj.base.Sha256Hash;

/** {@link MakerChain} over a {@link ChainBackend}. */
public final class ChainMakerAdapter implements MakerChain {
    private final ChainBackend backend;

    public ChainMakerAdapter(ChainBackend backend) {
        this.backend = Objects.requireNonNull(backend);
    }

    @Override
    public Optional<Utxo> unspent(OutPoint outpoint) {
        // confirmed outputs only: a commitment UTXO needs taker_utxo_age confirmations anyway
        return backend.getTxOut(outpoint, false)
                .map(o -> new Utxo(o.value(), o.scriptPubKey(), o.confirmations()));
    }

    @Override
    public long tipHeight() {
        return backend.tipHeight();
    }

    @Override
    public Sha256Hash broadcast(byte[] rawTx) {
        return backend.broadcast(rawTx);
    }

    @Override
    public Optional<Integer> confirmations(Sha256Hash txid) {
        return backend.getConfirmations(txid);
    }
}
