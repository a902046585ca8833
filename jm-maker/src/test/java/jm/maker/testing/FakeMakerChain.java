package jm.maker.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jm.core.OutPoint;
import jm.maker.bot.MakerChain;
import org.bitcoinj.base.Sha256Hash;

/** A chain with a fixed UTXO set; records broadcasts. */
public final class FakeMakerChain implements MakerChain {
    public final Map<OutPoint, Utxo> utxos = new HashMap<>();
    public final List<byte[]> broadcasts = new ArrayList<>();
    public final Map<Sha256Hash, Integer> confirmations = new HashMap<>();
    public long tip = 900_000;

    @Override
    public Optional<Utxo> unspent(OutPoint outpoint) {
        return Optional.ofNullable(utxos.get(outpoint));
    }

    @Override
    public long tipHeight() {
        return tip;
    }

    @Override
    public Sha256Hash broadcast(byte[] rawTx) {
        broadcasts.add(rawTx.clone());
        return Sha256Hash.ZERO_HASH;
    }

    @Override
    public Optional<Integer> confirmations(Sha256Hash txid) {
        return Optional.ofNullable(confirmations.get(txid));
    }
}
