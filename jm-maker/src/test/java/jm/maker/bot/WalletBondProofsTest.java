package jm.maker.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import jm.core.Network;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.bond.BondProof;
import jm.maker.testing.CoinJoinFixture;
import jm.wallet.Wallet;
import jm.wallet.WalletConfig;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.keys.WalletType;
import jm.wallet.store.StateStore;
import org.junit.jupiter.api.Test;

class WalletBondProofsTest {
    static final Nick TAKER = new Nick("J56Qu3cvNvi3Y1vt");
    static final Nick MAKER = new Nick("J59y7hPYEhZ3MzDt");

    final Wallet wallet = Wallet.fromMnemonic("m", Mnemonic.parse(
                    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"),
            Passphrase.NONE, new WalletConfig(Network.REGTEST, WalletType.P2WPKH, 5, 20), StateStore.inMemory(),
            Clock.systemUTC(), 0);

    @Test
    void noProofWithoutABond() {
        assertThat(new WalletBondProofs(wallet, () -> 1000, new SecureRandom()).proof(TAKER, MAKER)).isEmpty();
    }

    @Test
    void proofForTheTakerVerifiesAndNamesOurBondCoin() throws Exception {
        var bond = wallet.bondAddress(100);
        OutPoint op = new OutPoint(CoinJoinFixture.hash("bond funding"), 0);
        wallet.addKnownCoin(op, Sats.of(50_000_000), bond.address(), 10);
        String b64 = new WalletBondProofs(wallet, () -> 1000, new SecureRandom()).proof(TAKER, MAKER).orElseThrow();
        BondProof p = BondProof.parse(b64);
        assertThat(p.verify(TAKER, MAKER)).isInstanceOf(jm.core.bond.BondVerdict.Valid.class);
        assertThat(p.verify(MAKER, TAKER)).isInstanceOf(jm.core.bond.BondVerdict.Invalid.class);
        assertThat(p.utxo()).isEqualTo(op);
    }
}
