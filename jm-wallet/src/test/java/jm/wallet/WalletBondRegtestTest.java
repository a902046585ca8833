package jm.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import jm.chain.TransactionRejectedException;
import jm.chain.rpc.BitcoinCoreBackend;
import jm.chain.regtest.RegtestNode;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.bond.TimeNumber;
import jm.wallet.bond.BondAddress;
import jm.wallet.errors.WalletException;
import jm.wallet.coins.WalletCoin;
import jm.wallet.keys.Branch;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fidelity bond's life on the embedded node through the production RPC backend: the bond
 * address is watched, a payment from another wallet (the node's faucet) is found on the next
 * sync, the spend is refused before the locktime, the node refuses a premature spend as
 * non-final, and once the median time past is after the locktime the spend confirms.
 */
class WalletBondRegtestTest {
    /** 2027-01-01. */
    static final int TIMENUMBER = 84;
    static final long LOCKTIME = TimeNumber.toLocktime(TIMENUMBER);

    @TempDir
    Path dir;

    @Test
    void bondFundedFromOutsideIsFoundLockedAndSpentAfterItsLocktime() throws Exception {
        try (RegtestNode node = RegtestNode.start(dir.resolve("node"), 0);
             BitcoinCoreBackend chain = WalletRegtestTest.backend(node)) {
            node.advanceMedianTimePast(LOCKTIME - 3 * 86_400);
            Wallet w = WalletRegtestTest.newWallet(dir);
            BondAddress bondAddress = w.bondAddress(TIMENUMBER);
            w.sync(chain); // the bond address is now watched by the node's watch-only wallet
            Sha256Hash funding = node.fund(w.parseAddress(bondAddress.address()), Sats.of(3_000_000));
            node.mine(1, null);
            w.sync(chain);
            Map<WalletCoin, BondAddress> bonds = w.bondCoins();
            assertThat(bonds).hasSize(1);
            WalletCoin coin = bonds.keySet().iterator().next();
            assertThat(coin.outpoint().txid()).isEqualTo(funding);
            assertThat(coin.sats()).isEqualTo(3_000_000);
            assertThat(bonds.get(coin).locktime()).isEqualTo(LOCKTIME);
            assertThat(w.balance(0).confirmed()).as("bond coins are not spendable balance").isEqualTo(Sats.ZERO);

            BondSpender spender = new BondSpender(w);
            OutPoint op = coin.outpoint();
            String dest = w.freshAddress(1, Branch.INTERNAL).address();
            assertThatThrownBy(() -> spender.spend(op, dest, 2, chain.tipMedianTime()))
                    .isInstanceOf(WalletException.class)
                    .hasMessageContaining("is locked until 2027-01-01T00:00:00Z")
                    .hasMessageContaining("in about 3 days");
            // signed as if the time had come: the node refuses it like Core, non-final
            SendPlan early = spender.spend(op, dest, 2, LOCKTIME + 1);
            assertThatThrownBy(() -> w.broadcast(chain, early.transaction()))
                    .isInstanceOfSatisfying(TransactionRejectedException.class, e -> {
                        assertThat(e.code()).isEqualTo(-26);
                        assertThat(e.reason()).isEqualTo("non-final");
                    });

            node.advanceMedianTimePast(LOCKTIME + 1);
            SendPlan plan = spender.spend(op, dest, 2, chain.tipMedianTime());
            Transaction tx = plan.transaction();
            assertThat(tx.getLockTime()).isEqualTo(LOCKTIME);
            TransactionInput in = tx.getInput(0);
            assertThat(in.getSequenceNumber()).isEqualTo(0xFFFF_FFFEL);
            assertThat(in.getWitness().getPushCount()).isEqualTo(2);
            assertThat(in.getWitness().getPush(1)).isEqualTo(bondAddress.witnessScript());
            assertThat(plan.fee().value()).isEqualTo(2L * tx.getVsize());
            assertThat(plan.amount().value()).isEqualTo(3_000_000 - plan.fee().value());
            assertThat(w.broadcast(chain, tx)).isEqualTo(tx.getTxId());
            node.mine(1, null);
            w.sync(chain);
            assertThat(w.bondCoins()).isEmpty();
            assertThat(w.balance(1).confirmed()).isEqualTo(plan.amount());
        }
    }
}
