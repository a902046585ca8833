package jm.taker.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.taker.podle.CommitmentChooser;
import jm.taker.podle.CommitmentSource;
import jm.taker.podle.InMemoryUsedCommitmentStore;
import jm.taker.podle.PodleParams;
import org.junit.jupiter.api.Test;

/** Pre-flight errors name reserved coins as reserved (issue 12: not "no coin has 5 confirmations"). */
class PreflightTest {
    static final OutPoint OLD = OutPoint.of("aa".repeat(32), 0);
    static final OutPoint NEW = OutPoint.of("bb".repeat(32), 1);
    static final CommitmentSource FAKE = (utxo, i) -> String.format("%064x", utxo.vout() * 10 + i + 1);

    static OwnCoin coin(OutPoint o, long sats, int conf, boolean reserved) {
        return new OwnCoin(o, Sats.of(sats), new byte[22], conf, false, reserved, false);
    }

    static Optional<String> check(List<OwnCoin> coins, long amount) {
        return Preflight.check(new CoinJoinRequest(Sats.of(amount), 0, Optional.empty(), OptionalInt.of(3)), 5, coins,
                Sats.of(300), new CommitmentChooser(PodleParams.DEFAULT), FAKE, new InMemoryUsedCommitmentStore());
    }

    @Test
    void whenTheOnlyOldEnoughCoinIsReservedTheErrorSaysSo() {
        Optional<String> p = check(List.of(coin(OLD, 3_000_000, 100, true), coin(NEW, 2_000_000, 1, false)), 1_000_000);
        assertThat(p).isPresent();
        assertThat(p.get()).contains("reserved, so not usable: [" + OLD.toWire() + "]")
                .contains("jm wallet release");
    }

    @Test
    void whenEveryCoinIsReservedTheErrorSaysSo() {
        Optional<String> p = check(List.of(coin(OLD, 3_000_000, 100, true)), 1_000_000);
        assertThat(p.get()).contains("1 reserved").contains("reserved, so not usable: [" + OLD.toWire() + "]")
                .doesNotContain("locked");
    }

    @Test
    void whenTheRestIsTooSmallTheReservedCoinsAreNamed() {
        Optional<String> p = check(List.of(coin(OLD, 3_000_000, 100, true), coin(NEW, 200_000, 100, false)),
                1_000_000);
        assertThat(p.get()).contains("1 reserved coins not counted").contains(OLD.toWire());
    }

    @Test
    void noReservedCoinNoNote() {
        assertThat(check(List.of(coin(OLD, 3_000_000, 100, false)), 1_000_000)).isEmpty();
        Optional<String> p = check(List.of(coin(NEW, 3_000_000, 1, false)), 1_000_000);
        assertThat(p.get()).contains("taker_utxo_age").doesNotContain("reserved");
    }
}
