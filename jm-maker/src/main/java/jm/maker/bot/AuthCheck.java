package jm.maker.bot;

import java.util.Objects;
import java.util.Optional;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.Sats;
import jm.core.command.Auth;
import jm.core.offer.Fees;
import jm.core.offer.Offer;
import jm.core.podle.Podle;
import jm.core.podle.PodleCommitment;
import jm.core.podle.PodleRevelation;
import jm.core.podle.PodleVerdict;
import jm.maker.offer.MakerOffers;
import jm.maker.session.MakerSession;
import jm.maker.session.TakerUtxoCheck;

/**
 * Checks a taker's {@code !auth} against its session, without side effects: the revelation
 * decrypts and parses, the PoDLE proves the commitment of the {@code !fill}, the taker's UTXO
 * exists with the age and value we require, the offer still exists and the CoinJoin earns more
 * than the fee we contribute. Reserving coins, consuming the commitment and answering are the
 * engine's.
 */
final class AuthCheck {
    private final MakerSettings settings;
    private final MakerChain chain;

    AuthCheck(MakerSettings settings, MakerChain chain) {
        this.settings = Objects.requireNonNull(settings);
        this.chain = Objects.requireNonNull(chain);
    }

    AuthVerdict check(MakerSession s, Auth auth, MakerOffers offers) {
        PodleRevelation rev;
        try {
            rev = PodleRevelation.parse(s.cipher().decrypt(auth.ciphertext()));
        } catch (ProtocolException e) {
            return new AuthVerdict.Refused("bad auth: " + e.field());
        }
        PodleCommitment commitment;
        try {
            commitment = PodleCommitment.parseHex(s.commitmentHex());
        } catch (ProtocolException e) {
            return new AuthVerdict.Refused("bad commitment");
        }
        if (Podle.verify(rev, commitment, settings.takerUtxoRetries()) instanceof PodleVerdict.Rejected r) {
            return new AuthVerdict.Refused("PoDLE verification failed: " + r.reason());
        }
        long amount = s.fill().amount();
        OutPoint utxo = rev.utxo().outPoint();
        Optional<MakerChain.Utxo> found = chain.unspent(utxo);
        Optional<TakerUtxoCheck.Failure> f = TakerUtxoCheck.check(found.isPresent(),
                found.map(MakerChain.Utxo::value).orElse(Sats.ZERO),
                found.map(MakerChain.Utxo::scriptPubKey).orElse(new byte[0]),
                found.map(MakerChain.Utxo::confirmations).orElse(0), rev.p(), amount,
                settings.takerUtxoAge(), settings.takerUtxoAmtPercent());
        if (f.isPresent()) {
            return new AuthVerdict.Refused("commitment utxo rejected: " + f.get());
        }
        Optional<Offer> offer = offers.offer(s.fill().oid());
        if (offer.isEmpty()) {
            return new AuthVerdict.Refused("oid not found");
        }
        Sats cjFee = Fees.cjFeeSats(offer.get(), Sats.of(amount));
        Sats txFee = offer.get().txFee();
        if (cjFee.value() < txFee.value()) {
            return new AuthVerdict.Refused("negative earning");
        }
        return new AuthVerdict.Verified(rev, offer.get(), Sats.of(amount), cjFee, txFee);
    }
}
