package jm.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import jm.chain.rpc.BitcoinCoreBackend;
import jm.chain.rpc.RpcAuth;
import jm.chain.rpc.RpcConfig;
import jm.chain.regtest.RegtestNode;
import jm.core.Network;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.wallet.coins.MergeAlgorithm;
import jm.wallet.coins.WalletCoin;
import jm.wallet.keys.Branch;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.keys.WalletAddress;
import jm.wallet.store.KdfParams;
import jm.wallet.store.Password;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutPoint;
import org.bitcoinj.script.Script;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wallet against the embedded regtest node through the production RPC backend. */
class WalletRegtestTest {
    @TempDir
    Path dir;

    /** The production RPC backend on the node, watch-only wallet "jm-test". */
    static BitcoinCoreBackend backend(RegtestNode node) {
        return new BitcoinCoreBackend(RpcConfig.of(node.rpcUrl(), new RpcAuth.CookieFile(node.cookieFile()), "jm-test"));
    }

    /** A fresh regtest wallet "w" with a random mnemonic under {@code dir}. */
    static Wallet newWallet(Path dir) {
        return Wallet.create(WalletStorage.inDataDir(dir), "w", Mnemonic.generate(new SecureRandom(), 12),
                Passphrase.NONE, false, Password.of("pw"), WalletConfig.defaults(Network.REGTEST),
                KdfParams.TESTING, new SecureRandom(), Clock.systemUTC(), 0);
    }

    @Test
    void fundsSyncsSpendsAndSeesTheResultOnTheNode() throws Exception {
        try (RegtestNode node = RegtestNode.start(dir.resolve("node"), 0);
             BitcoinCoreBackend chain = backend(node)) {
            Wallet w = newWallet(dir);
            WalletAddress d0 = w.depositAddress(0);
            WalletAddress d1 = w.freshAddress(1, Branch.EXTERNAL);
            Sha256Hash f0 = node.fund(w.parseAddress(d0.address()), new Sats(1_000_000));
            node.fund(w.parseAddress(d1.address()), new Sats(500_000));
            w.sync(chain);
            assertThat(w.balance(0).unconfirmed()).isEqualTo(new Sats(1_000_000));
            node.mine(1, null);
            w.sync(chain);
            assertThat(w.balance(0).confirmed()).isEqualTo(new Sats(1_000_000));
            assertThat(w.balance(1).confirmed()).isEqualTo(new Sats(500_000));
            assertThat(w.coins(0).get(0).outpoint().txid()).isEqualTo(f0);

            // plain send from mixdepth 0 to mixdepth 2, accepted by the node's own validation
            String dest = w.freshAddress(2, Branch.EXTERNAL).address();
            SendPlan p = w.createSend(0, dest, Optional.of(new Sats(300_000)), 2, 1);
            KmpVerifier.verifyAllInputs(p.transaction(), p.inputs());
            Sha256Hash txid = w.broadcast(chain, p.transaction());
            assertThat(txid).isEqualTo(p.transaction().getTxId());
            node.mine(1, null);
            w.sync(chain);
            assertThat(w.balance(2).confirmed()).isEqualTo(new Sats(300_000));
            assertThat(w.balance(0).confirmed().value()).isEqualTo(1_000_000 - 300_000 - p.fee().value());

            // a maker-style partial signature: reserve, sign only our input of a larger transaction
            List<WalletCoin> mine = w.selectAndReserveForMaker(1, new Sats(400_000), MergeAlgorithm.DEFAULT, 1,
                    new Random(), "taker-x", Duration.ofMinutes(5));
            Transaction tx = new Transaction();
            tx.setVersion(2);
            OutPoint op = mine.get(0).outpoint();
            tx.addInput(new TransactionInput(tx, new byte[0], new TransactionOutPoint(op.vout(), op.txid()), Coin.ZERO));
            tx.addOutput(Coin.valueOf(499_000), Script.parse(w.freshAddress(2, Branch.INTERNAL).scriptPubKey()));
            Map<OutPoint, InputSignature> sigs = w.sign(tx, List.of(op));
            assertThat(sigs).hasSize(1);
            w.broadcast(chain, tx);
            node.mine(1, null);
            w.sync(chain);
            assertThat(w.balance(1).confirmed().value()).isZero();
            assertThat(w.balance(2).confirmed().value()).isEqualTo(300_000 + 499_000);

            // address reuse on the node: a second payment to d1 is frozen
            node.fund(w.parseAddress(d1.address()), new Sats(20_000));
            node.mine(1, null);
            SyncReport r = w.sync(chain);
            assertThat(r.reuseFrozen()).hasSize(1);
            assertThat(w.balance(1).frozen()).isEqualTo(new Sats(20_000));
        }
    }
}
