package jm.taker.bond;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.bond.BondProof;
import jm.core.bond.BondValue;
import jm.core.bond.FidelityBondScripts;
import jm.core.crypto.NickKey;
import jm.taker.testing.FakeChain;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.Test;

class BondVerifierTest {
    private static final long LOCKTIME = 1_798_761_600L; // 2027-01-01
    private final FakeChain chain = new FakeChain(false);
    private final Nick taker = NickKey.random(new java.security.SecureRandom()).nick();
    private final Nick maker = NickKey.random(new java.security.SecureRandom()).nick();
    private final ECKey utxoKey = ECKey.fromPrivate(BigInteger.valueOf(424242), true);
    private final ECKey certKey = ECKey.fromPrivate(BigInteger.valueOf(171717), true);

    private String proof(OutPoint utxo, Nick to) {
        return BondProof.build(utxoKey, certKey, BondProof.certExpiryFor(chain.tipHeight()), to, maker, utxo, LOCKTIME)
                .toBase64();
    }

    private OutPoint fundBond(long sats, int confirmations) {
        return chain.fund(FidelityBondScripts.bondScriptPubKey(LOCKTIME, utxoKey.getPubKey()), sats, confirmations);
    }

    @Test
    void valuesAConfirmedBondLikeTheProtocolFormula() {
        OutPoint utxo = fundBond(50_000_000, 10);
        VerifiedBond b = new BondVerifier(chain).verify(taker, maker, proof(utxo, taker)).orElseThrow();
        long now = chain.tipMedianTime();
        assertThat(b.maker()).isEqualTo(maker);
        assertThat(b.utxo()).isEqualTo(utxo);
        assertThat(b.amount().value()).isEqualTo(50_000_000);
        assertThat(b.locktime()).isEqualTo(LOCKTIME);
        assertThat(b.confirmations()).isEqualTo(10);
        assertThat(b.utxoPub()).isEqualTo(utxoKey.getPubKey());
        // dated by the confirming block's header time, not by counting 600 s per confirmation
        long confirmedAt = chain.blockTime(chain.tipHeight() - 9);
        assertThat(confirmedAt).isNotEqualTo(now - 600 * 9);
        assertThat(b.confirmationTime()).isEqualTo(confirmedAt);
        assertThat(b.value()).isEqualTo(BondValue.value(50_000_000, confirmedAt, LOCKTIME, now));
    }

    @Test
    void rejectsAProofMadeForAnotherTaker() {
        OutPoint utxo = fundBond(50_000_000, 10);
        Nick other = NickKey.random(new java.security.SecureRandom()).nick();
        assertThat(new BondVerifier(chain).verify(taker, maker, proof(utxo, other))).isEmpty();
    }

    @Test
    void rejectsASpentOrUnconfirmedBond() {
        OutPoint spent = fundBond(50_000_000, 10);
        String p = proof(spent, taker);
        chain.spend(spent);
        assertThat(new BondVerifier(chain).verify(taker, maker, p)).isEmpty();
        OutPoint unconfirmed = fundBond(50_000_000, 0);
        assertThat(new BondVerifier(chain).verify(taker, maker, proof(unconfirmed, taker))).isEmpty();
    }

    @Test
    void rejectsAnOutputThatIsNotTheFreezeScript() {
        OutPoint plain = chain.fund(new byte[] {0x00, 0x14, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
                18, 19, 20}, 50_000_000, 10);
        assertThat(new BondVerifier(chain).verify(taker, maker, proof(plain, taker))).isEmpty();
    }

    @Test
    void copiesOfAProofAreCheckedOnceUntilForgotten() {
        OutPoint utxo = fundBond(50_000_000, 10);
        BondVerifier verifier = new BondVerifier(chain);
        String proof = proof(utxo, taker);
        assertThat(verifier.verify(taker, maker, proof)).isPresent();
        assertThat(verifier.verify(taker, maker, proof)).isPresent();
        assertThat(chain.txOutCalls(utxo)).isEqualTo(1);
        chain.spend(utxo);
        assertThat(verifier.verify(taker, maker, proof)).as("cached").isPresent();
        verifier.forget();
        assertThat(verifier.verify(taker, maker, proof)).as("checked again: spent").isEmpty();
        assertThat(chain.txOutCalls(utxo)).isEqualTo(2);
    }

    @Test
    void neverThrowsOnGarbage() {
        assertThat(new BondVerifier(chain).verify(taker, maker, "not base64 at all")).isEmpty();
        assertThat(new BondVerifier(chain).verify(taker, maker, "")).isEmpty();
    }
}
