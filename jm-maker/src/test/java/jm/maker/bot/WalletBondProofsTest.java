package jm.maker.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import jm.chain.rpc.BitcoinCoreBackend;
import jm.chain.rpc.RpcAuth;
import jm.chain.rpc.RpcConfig;
import jm.chain.regtest.RegtestNode;
import jm.core.Network;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.bond.BondProof;
import jm.core.bond.BondVerdict;
import jm.core.bond.TimeNumber;
import jm.wallet.Wallet;
import jm.wallet.WalletConfig;
import jm.wallet.bond.BondAddress;
import jm.wallet.BondSpender;
import jm.wallet.keys.Branch;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.keys.WalletType;
import jm.wallet.store.StateStore;
import org.bitcoinj.base.Sha256Hash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The maker's bond proofs follow the chain's view of its bonds (embedded node, production RPC backend). */
class WalletBondProofsTest {
    static final Nick TAKER = new Nick("J56Qu3cvNvi3Y1vt");
    static final Nick MAKER = new Nick("J59y7hPYEhZ3MzDt");
    /** 2027-01-01 and 2028-01-01. */
    static final int SHORT = 84;
    static final int LONG = 96;

    @TempDir
    Path dir;
    RegtestNode node;
    BitcoinCoreBackend chain;
    final Wallet wallet = Wallet.fromMnemonic("m", Mnemonic.parse(
                    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"),
            Passphrase.NONE, new WalletConfig(Network.REGTEST, WalletType.P2WPKH, 5, 20), StateStore.inMemory(),
            Clock.systemUTC(), 0);

    @BeforeEach
    void start() {
        node = RegtestNode.start(dir, 0);
        chain = new BitcoinCoreBackend(RpcConfig.of(node.rpcUrl(), new RpcAuth.CookieFile(node.cookieFile()), "m"));
        node.advanceMedianTimePast(TimeNumber.toLocktime(SHORT) - 30 * 86_400);
    }

    @AfterEach
    void stop() {
        chain.close();
        node.close();
    }

    private OutPoint fundBond(int timenumber, long sats) {
        BondAddress b = wallet.bondAddress(timenumber);
        wallet.sync(chain);
        Sha256Hash txid = node.fund(wallet.parseAddress(b.address()), Sats.of(sats));
        node.mine(1, null);
        wallet.sync(chain);
        return wallet.bondCoins().keySet().stream().filter(c -> c.outpoint().txid().equals(txid)).findFirst()
                .orElseThrow().outpoint();
    }

    private OutPoint proven(WalletBondProofs proofs) throws Exception {
        BondProof p = BondProof.parse(proofs.proof(TAKER, MAKER).orElseThrow());
        assertThat(p.verify(TAKER, MAKER)).isInstanceOf(BondVerdict.Valid.class);
        assertThat(p.verify(MAKER, TAKER)).isInstanceOf(BondVerdict.Invalid.class);
        return p.utxo();
    }

    @Test
    void noProofWithoutABond() {
        wallet.sync(chain);
        assertThat(new WalletBondProofs(wallet, chain, new SecureRandom()).proof(TAKER, MAKER)).isEmpty();
    }

    @Test
    void provesTheMostValuableBondNotTheLargestCoin() throws Exception {
        // the larger coin locked for a month is worth less than the smaller one locked for a year
        fundBond(SHORT, 20_000_000);
        OutPoint smallLong = fundBond(LONG, 5_000_000);
        // locked until a date already past when it confirmed: worth nothing, never proven
        fundBond(SHORT - 2, 100_000_000);
        assertThat(proven(new WalletBondProofs(wallet, chain, new SecureRandom()))).isEqualTo(smallLong);
    }

    @Test
    void followsTheChainWhenTheProvenBondIsSpent() throws Exception {
        OutPoint bigShort = fundBond(SHORT, 100_000_000);
        OutPoint smallLong = fundBond(LONG, 2_000_000);
        WalletBondProofs proofs = new WalletBondProofs(wallet, chain, new SecureRandom());
        assertThat(proven(proofs)).isEqualTo(bigShort);
        // past the short bond's locktime it is spent; without a wallet sync the next proof is the other bond
        node.advanceMedianTimePast(TimeNumber.toLocktime(SHORT) + 1);
        var spend = new BondSpender(wallet).spend(bigShort, wallet.freshAddress(1, Branch.INTERNAL).address(), 2,
                chain.tipMedianTime());
        wallet.broadcast(chain, spend.transaction());
        node.mine(1, null);
        assertThat(proven(proofs)).isEqualTo(smallLong);
    }
}
