package jm.demo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import jm.core.Sats;
import jm.demo.market.DemoConfig;
import jm.demo.market.DemoMaker;
import jm.demo.market.DemoMarket;
import jm.demo.market.MakerWalletHook;
import jm.demo.market.Route;
import jm.demo.scenario.CoinJoinResult;
import jm.demo.scenario.DemoScenario;
import jm.demo.scenario.MakerShare;
import jm.maker.bot.Funding;
import jm.maker.bot.MakerBot;
import jm.maker.bot.MakerWallet;
import jm.maker.session.InputSigner;
import jm.maker.tx.OwnCoins;
import jm.taker.session.CoinJoinRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A maker that vanishes mid-protocol: it answers {@code !fill}, {@code !auth} ({@code !ioauth})
 * normally, then on {@code !tx} signs nothing and shuts down (offers withdrawn, connections
 * closed). The taker must drop it after its signature timeout and complete the CoinJoin with the
 * spare maker in its place; the vanished maker's coins stay where they were.
 */
@Timeout(120)
class MakerDisappearsEndToEndTest {

    /** Wraps every maker's wallet; the first maker to receive a {@code !tx} disappears instead of signing. */
    static final class VanishOnTx implements MakerWalletHook {
        final AtomicInteger vanished = new AtomicInteger(-1);
        final java.util.concurrent.atomic.AtomicBoolean armed;
        final java.util.function.IntConsumer beforeVanishing;

        VanishOnTx() {
            this(true, i -> { });
        }

        /**
         * @param armed           whether a maker vanishes on its next {@code !tx} (tests arm it later)
         * @param beforeVanishing runs with the maker's index just before it shuts down
         */
        VanishOnTx(boolean armed, java.util.function.IntConsumer beforeVanishing) {
            this.armed = new java.util.concurrent.atomic.AtomicBoolean(armed);
            this.beforeVanishing = beforeVanishing;
        }

        @Override
        public MakerWallet wrap(int index, MakerWallet wallet, Supplier<MakerBot> bot) {
            return new MakerWallet() {
                @Override
                public Map<Integer, Sats> offerableBalances() {
                    return wallet.offerableBalances();
                }

                @Override
                public Optional<Funding> fund(Sats target, String owner, Duration ttl) {
                    return wallet.fund(target, owner, ttl);
                }

                @Override
                public void release(String owner) {
                    wallet.release(owner);
                }

                @Override
                public Map<org.bitcoinj.base.Sha256Hash, String> signedReservations() {
                    return wallet.signedReservations();
                }

                @Override
                public void releaseSigned(org.bitcoinj.base.Sha256Hash txid) {
                    wallet.releaseSigned(txid);
                }

                @Override
                public OwnCoins ownCoins() {
                    return wallet.ownCoins();
                }

                @Override
                public InputSigner signer() {
                    if (!armed.get() || !vanished.compareAndSet(-1, index)) {
                        return wallet.signer();
                    }
                    beforeVanishing.accept(index);
                    MakerBot b = bot.get();
                    CompletableFuture.runAsync(b::close); // after this !tx handler returns
                    return (tx, inputIndex, outpoint, value) -> {
                        throw new IllegalStateException("maker " + index + " vanished");
                    };
                }

                @Override
                public void sync() {
                    wallet.sync();
                }
            };
        }
    }

    @Test
    void aMakerThatVanishesAfterIoauthIsDroppedAndReplaced(@TempDir Path dir) throws Exception {
        List<String> output = new CopyOnWriteArrayList<>();
        VanishOnTx hook = new VanishOnTx();
        try (DemoMarket market = DemoMarket.start(
                new DemoConfig(dir, 4, Duration.ofSeconds(4), Duration.ofSeconds(5)), hook, output::add)) {
            Map<String, Long> before = new java.util.HashMap<>();
            for (DemoMaker m : market.makers()) {
                before.put(m.name(), m.totalBalance().value());
            }
            CoinJoinResult r = new DemoScenario(market, output::add).run("CoinJoin with a vanishing maker",
                    Route.DIRECT, new CoinJoinRequest(Sats.of(DemoScenario.DIRECT_AMOUNT), 0, Optional.empty(),
                            OptionalInt.of(3)), market.takerConfig().withMinimumMakers(3));

            assertThat(r.success()).as(String.join("\n", output)).isTrue();
            assertThat(hook.vanished.get()).isBetween(0, 3);
            DemoMaker gone = market.makers().get(hook.vanished.get());
            assertThat(r.dropped()).containsKey(gone.nick().value());
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(r.makers()).hasSize(3).extracting(MakerShare::name).doesNotContain(gone.name());
            Set<String> all = new HashSet<>();
            r.makers().forEach(s -> all.add(s.name()));
            all.add(gone.name());
            assertThat(all).hasSize(4); // the spare maker took the vanished one's place
            assertThat(r.confirmations()).isGreaterThanOrEqualTo(1);
            assertThat(r.equalOutputs()).isEqualTo(4);
            for (MakerShare s : r.makers()) {
                assertThat(s.balanceChange()).as(s.name()).isEqualTo(s.cjFee() - s.txFee());
            }
            gone.wallet().sync(gone.chain());
            assertThat(gone.totalBalance().value()).isEqualTo(before.get(gone.name()));
        }
    }
}
