package jm.cli.taker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import jm.cli.common.ConfigException;
import jm.cli.common.JmConfig;
import jm.core.Network;
import jm.core.Sats;
import jm.taker.broadcast.BroadcastPolicy;
import jm.taker.selection.FeeLimits;
import jm.taker.selection.SelectionAlgorithm;
import jm.taker.session.TakerConfig;
import jm.taker.tx.LockTimePolicy;
import org.junit.jupiter.api.Test;

class TakerSettingsTest {

    @Test
    void defaultsAreNgLike() {
        TakerConfig c = TakerSettings.read(JmConfig.empty(Map.of()), Network.REGTEST);
        assertThat(c.selection().algorithm()).isEqualTo(SelectionAlgorithm.FIDELITY_BOND_WEIGHTED);
        assertThat(c.selection().feeLimits().maxAbs()).isEqualTo(Sats.of(500));
        assertThat(c.selection().feeLimits().maxRel()).isEqualByComparingTo("0.001");
        assertThat(c.minimumMakers()).isEqualTo(4);
        assertThat(c.maxReplacementAttempts()).isEqualTo(3);
        assertThat(c.podle().minConfirmations()).isEqualTo(5);
        assertThat(c.podle().amountPercent()).isEqualTo(20);
        assertThat(c.podle().tries()).isEqualTo(3);
        assertThat(c.miningFee().targetBlocks()).isEqualTo(3);
        assertThat(c.fixedFeeRate()).isEmpty();
        assertThat(c.broadcast()).isEqualTo(BroadcastPolicy.RANDOM_PEER);
        assertThat(c.maxSweepFeeChange()).isEqualByComparingTo("0.8");
        assertThat(TakerSettings.counterparties(JmConfig.empty(Map.of()), null)).isEmpty();
    }

    @Test
    void readsEveryKeyFromTheFile() {
        String toml = """
                [taker]
                max_cj_fee_abs = 1200
                max_cj_fee_rel = "0.002"
                max_cj_fee_rule = "both_exceeded"
                minimum_makers = 3
                max_maker_replacement_attempts = 1
                max_maker_utxos = 7
                taker_utxo_age = 2
                taker_utxo_amtpercent = 10
                taker_utxo_retries = 5
                order_wait_time = 12
                maker_timeout_sec = 20
                tx_fees = 5000
                tx_fee_factor = "0.1"
                absurd_fee_per_kb = 200000
                max_sweep_fee_change = "0.5"
                tx_broadcast = "not-self"
                order_choose_fn = "cheapest"
                bondless_makers_allowance = "0.125"
                bondless_require_zero_fee = false
                counterparty_count = 6
                locktime = "zero"
                broadcast_timeout_sec = 30
                confirmation_timeout_sec = 0
                """;
        JmConfig cfg = JmConfig.parse(toml, Map.of());
        TakerConfig c = TakerSettings.read(cfg, Network.REGTEST);
        assertThat(c.selection().feeLimits()).isEqualTo(new FeeLimits(Sats.of(1200), new BigDecimal("0.002"),
                FeeLimits.Rule.BOTH_EXCEEDED));
        assertThat(c.minimumMakers()).isEqualTo(3);
        assertThat(c.maxReplacementAttempts()).isEqualTo(1);
        assertThat(c.maxMakerUtxos()).isEqualTo(7);
        assertThat(c.podle().minConfirmations()).isEqualTo(2);
        assertThat(c.podle().amountPercent()).isEqualTo(10);
        assertThat(c.podle().tries()).isEqualTo(5);
        assertThat(c.orderWaitTime()).isEqualTo(Duration.ofSeconds(12));
        assertThat(c.makerTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.fixedFeeRate()).hasValue(5000);
        assertThat(c.miningFee().txFeeFactor()).isEqualByComparingTo("0.1");
        assertThat(c.miningFee().maxSatPerKvb()).isEqualTo(200_000);
        assertThat(c.maxSweepFeeChange()).isEqualByComparingTo("0.5");
        assertThat(c.broadcast()).isEqualTo(BroadcastPolicy.NOT_SELF);
        assertThat(c.selection().algorithm()).isEqualTo(SelectionAlgorithm.CHEAPEST);
        assertThat(c.selection().bondlessAllowance()).isEqualTo(0.125);
        assertThat(c.selection().bondlessRequireZeroFee()).isFalse();
        assertThat(TakerSettings.counterparties(cfg, null)).hasValue(6);
        assertThat(TakerSettings.counterparties(cfg, 9)).hasValue(9);
        assertThat(c.lockTime()).isEqualTo(LockTimePolicy.ZERO);
        assertThat(c.broadcastTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.confirmationTimeout()).isZero();
        assertThat(cfg.fileKeys("taker")).containsExactlyInAnyOrderElementsOf(TakerSettings.KEYS);
    }

    @Test
    void smallTxFeesIsABlockTarget() {
        TakerConfig c = TakerSettings.read(JmConfig.parse("[taker]\ntx_fees = 6\n", Map.of()), Network.REGTEST);
        assertThat(c.miningFee().targetBlocks()).isEqualTo(6);
        assertThat(c.fixedFeeRate()).isEmpty();
    }

    @Test
    void environmentOverridesTheFile() {
        JmConfig cfg = JmConfig.parse("[taker]\nminimum_makers = 3\n", Map.of("TAKER__MINIMUM_MAKERS", "5"));
        assertThat(TakerSettings.read(cfg, Network.REGTEST).minimumMakers()).isEqualTo(5);
    }

    @Test
    void namesTheKeyOfABadValue() {
        assertThatThrownBy(() -> TakerSettings.read(JmConfig.parse("[taker]\ntx_broadcast = \"everyone\"\n", Map.of()),
                Network.REGTEST)).isInstanceOf(ConfigException.class).hasMessageContaining("[taker] tx_broadcast: 'everyone'");
        assertThatThrownBy(() -> TakerSettings.read(JmConfig.parse("[taker]\nminimum_makers = 0\n", Map.of()),
                Network.REGTEST)).isInstanceOf(ConfigException.class).hasMessageContaining("minimum_makers");
        assertThatThrownBy(() -> TakerSettings.read(JmConfig.parse("[taker]\norder_choose_fn = \"best\"\n", Map.of()),
                Network.REGTEST)).isInstanceOf(ConfigException.class).hasMessageContaining("order_choose_fn");
    }
}
