package jm.wallet.coins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.wallet.keys.Branch;
import jm.wallet.keys.KeyPath;
import org.bitcoinj.base.Sha256Hash;
import org.junit.jupiter.api.Test;

class CoinSelectorTest {

    static WalletCoin coin(int n, long sats) {
        return new WalletCoin(new OutPoint(Sha256Hash.of(new byte[] {(byte) n, (byte) (n >> 8)}), n % 3), new Sats(sats),
                "addr" + n, new byte[22], 6, new KeyPath(84, 1, 0, Branch.EXTERNAL, n), WalletCoin.Kind.STANDARD,
                false, false);
    }

    static List<WalletCoin> coins(long... values) {
        List<WalletCoin> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(coin(i, values[i]));
        }
        return out;
    }

    static long[] values(List<WalletCoin> picked) {
        return picked.stream().mapToLong(WalletCoin::sats).sorted().toArray();
    }

    @Test
    void everyAlgorithmCoversTheTargetWithDistinctCoinsFromTheInput() {
        Random r = new Random(7);
        for (int round = 0; round < 400; round++) {
            int n = 1 + r.nextInt(12);
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = 1000 + r.nextInt(1_000_000);
            }
            List<WalletCoin> cs = coins(v);
            long total = CoinSelector.sum(cs);
            long target = 1 + (long) (r.nextDouble() * total);
            for (MergeAlgorithm a : MergeAlgorithm.values()) {
                List<WalletCoin> picked = CoinSelector.select(cs, target, a, r);
                assertThat(CoinSelector.sum(picked)).as(a + " covers").isGreaterThanOrEqualTo(target);
                assertThat(cs).containsAll(picked);
                assertThat(new HashSet<>(picked)).hasSameSizeAs(picked);
            }
        }
    }

    @Test
    void failsWithNeededAndAvailableWhenFundsAreShort() {
        assertThatThrownBy(() -> CoinSelector.select(coins(100, 200), 301, MergeAlgorithm.DEFAULT, new Random()))
                .isInstanceOf(InsufficientFundsException.class)
                .satisfies(e -> {
                    assertThat(((InsufficientFundsException) e).needed()).isEqualTo(301);
                    assertThat(((InsufficientFundsException) e).available()).isEqualTo(300);
                });
        assertThatThrownBy(() -> CoinSelector.select(List.of(), 1, MergeAlgorithm.GREEDY, new Random()))
                .isInstanceOf(InsufficientFundsException.class);
    }

    @Test
    void defaultTakesSmallestCoveringCoinElseLargestFirst() {
        assertThat(values(CoinSelector.select(coins(50, 500, 300, 1000), 250, MergeAlgorithm.DEFAULT, new Random())))
                .containsExactly(300);
        assertThat(values(CoinSelector.select(coins(50, 100, 300, 200), 450, MergeAlgorithm.DEFAULT, new Random())))
                .containsExactly(200, 300);
    }

    @Test
    void gradualMergesAFewOfTheLargestSmallCoins() {
        // ascending run of the coins below the target until covered, then drop its small end while covered
        assertThat(values(CoinSelector.select(coins(10, 20, 30, 40, 1000), 60, MergeAlgorithm.GRADUAL, new Random())))
                .containsExactly(10, 20, 30);
        assertThat(values(CoinSelector.select(coins(5, 50, 60, 1000), 100, MergeAlgorithm.GRADUAL, new Random())))
                .containsExactly(50, 60);
    }

    @Test
    void gradualUsesOneBigCoinWhenSmallCoinsFallShort() {
        assertThat(values(CoinSelector.select(coins(10, 20, 1000, 500), 60, MergeAlgorithm.GRADUAL, new Random())))
                .containsExactly(500);
    }

    @Test
    void greedyKeepsOnlyTheSmallCoinsItNeeds() {
        // ascending 10,20,30,40: cross at 40 (sum 100 >= 75), then walk down: drop 30? 100-30=70 < 75 keep;
        // drop 20? 100-20=80 >= 75 drop; drop 10? 80-10=70 < 75 keep
        assertThat(values(CoinSelector.select(coins(10, 20, 30, 40, 1000), 75, MergeAlgorithm.GREEDY, new Random())))
                .containsExactly(10, 30, 40);
    }

    @Test
    void greediestTakesTheShortestRunOfSmallestCoins() {
        assertThat(values(CoinSelector.select(coins(10, 20, 30, 40, 1000), 55, MergeAlgorithm.GREEDIEST, new Random())))
                .containsExactly(10, 20, 30);
    }

    @Test
    void randomPicksOneCoveringCoinWhenThereIsOne() {
        Random r = new Random(1);
        for (int i = 0; i < 50; i++) {
            assertThat(CoinSelector.select(coins(10, 500, 600, 700), 400, MergeAlgorithm.RANDOM, r)).hasSize(1);
        }
    }

    @Test
    void parsesConfigNames() {
        assertThat(MergeAlgorithm.parse("Gradual")).contains(MergeAlgorithm.GRADUAL);
        assertThat(MergeAlgorithm.parse("bogus")).isEmpty();
    }
}
