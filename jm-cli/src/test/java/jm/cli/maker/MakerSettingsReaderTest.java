package jm.cli.maker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import jm.cli.common.ConfigException;
import jm.cli.common.JmConfig;
import jm.core.offer.OfferType;
import jm.maker.bot.MakerSettings;
import jm.wallet.coins.MergeAlgorithm;
import org.junit.jupiter.api.Test;

class MakerSettingsReaderTest {

    static MakerSettings read(String toml, Map<String, String> env, MakerSettingsReader.Flags flags) {
        return MakerSettingsReader.read(JmConfig.parse(toml, env), flags, "regtest");
    }

    @Test
    void defaultsAreNgs() {
        MakerSettings s = read("", Map.of(), MakerSettingsReader.Flags.none());
        assertThat(s.offers().orderType()).isEqualTo(OfferType.SW0RELOFFER);
        assertThat(s.offers().cjFeeRel()).isEqualByComparingTo("0.00002");
        assertThat(s.offers().cjFeeAbs()).isEqualTo(500);
        assertThat(s.offers().txFee()).isZero();
        assertThat(s.offers().minSize()).isEqualTo(100_000);
        assertThat(s.offers().dualOffers()).isFalse();
        assertThat(s.offers().randomised()).isFalse();
        assertThat(s.takerUtxoAge()).isEqualTo(5);
        assertThat(s.takerUtxoAmtPercent()).isEqualTo(20);
        assertThat(s.takerUtxoRetries()).isEqualTo(3);
        assertThat(s.sessionTimeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(s.acceptCommitmentBroadcasts()).isTrue();
    }

    @Test
    void readsEveryKeyFromTheFile() {
        String toml = String.join("\n", "[maker]", "ordertype = \"sw0absoffer\"", "cjfee_r = \"0.0003\"",
                "cjfee_a = 777", "txfee_contribution = 55", "minsize = 200000", "dual_offers = true",
                "cjfee_factor = \"0.1\"", "txfee_contribution_factor = \"0.3\"", "size_factor = \"0.2\"",
                "taker_utxo_age = 7", "taker_utxo_amtpercent = 25", "taker_utxo_retries = 5",
                "session_timeout_sec = 120", "reannounce_delay_max_sec = 30", "accept_commitment_broadcasts = false",
                "merge_algorithm = \"greedy\"", "");
        MakerSettings s = read(toml, Map.of(), MakerSettingsReader.Flags.none());
        assertThat(s.offers().orderType()).isEqualTo(OfferType.SW0ABSOFFER);
        assertThat(s.offers().cjFeeRel()).isEqualByComparingTo("0.0003");
        assertThat(s.offers().cjFeeAbs()).isEqualTo(777);
        assertThat(s.offers().txFee()).isEqualTo(55);
        assertThat(s.offers().minSize()).isEqualTo(200_000);
        assertThat(s.offers().dualOffers()).isTrue();
        assertThat(s.offers().cjFeeFactor()).isEqualByComparingTo("0.1");
        assertThat(s.offers().txFeeFactor()).isEqualByComparingTo("0.3");
        assertThat(s.offers().sizeFactor()).isEqualByComparingTo("0.2");
        assertThat(s.takerUtxoAge()).isEqualTo(7);
        assertThat(s.takerUtxoAmtPercent()).isEqualTo(25);
        assertThat(s.takerUtxoRetries()).isEqualTo(5);
        assertThat(s.sessionTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(s.reannounceDelayMax()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.acceptCommitmentBroadcasts()).isFalse();
        assertThat(MakerSettingsReader.mergeAlgorithm(JmConfig.parse(toml, Map.of()), MakerSettingsReader.Flags.none()))
                .isEqualTo(MergeAlgorithm.GREEDY);
    }

    @Test
    void environmentOverridesFileAndFlagsOverrideBoth() {
        String toml = "[maker]\ncjfee_a = 777\ntxfee_contribution = 55\n";
        String envName = JmConfig.envName("maker", "cjfee_a");
        MakerSettings env = read(toml, Map.of(envName, "888"), MakerSettingsReader.Flags.none());
        assertThat(env.offers().cjFeeAbs()).isEqualTo(888);
        MakerSettingsReader.Flags flags = new MakerSettingsReader.Flags("sw0absoffer", "0.001", 999L, 1L, 300_000L,
                true, "gradual", 1, 50, 2);
        MakerSettings f = read(toml, Map.of(envName, "888"), flags);
        assertThat(f.offers().orderType()).isEqualTo(OfferType.SW0ABSOFFER);
        assertThat(f.offers().cjFeeRel()).isEqualByComparingTo(new BigDecimal("0.001"));
        assertThat(f.offers().cjFeeAbs()).isEqualTo(999);
        assertThat(f.offers().txFee()).isEqualTo(1);
        assertThat(f.offers().minSize()).isEqualTo(300_000);
        assertThat(f.offers().dualOffers()).isTrue();
        assertThat(f.takerUtxoAge()).isEqualTo(1);
        assertThat(f.takerUtxoAmtPercent()).isEqualTo(50);
        assertThat(f.takerUtxoRetries()).isEqualTo(2);
        assertThat(MakerSettingsReader.mergeAlgorithm(JmConfig.parse(toml, Map.of()), flags))
                .isEqualTo(MergeAlgorithm.GRADUAL);
    }

    @Test
    void rejectsBadValuesNamingTheKey() {
        assertThatThrownBy(() -> read("[maker]\nordertype = \"swreloffer\"\n", Map.of(), MakerSettingsReader.Flags.none()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[maker] offer_type")
                .hasMessageContaining("[maker] ordertype");
        assertThatThrownBy(() -> read("[maker]\ncjfee_r = \"1.5\"\n", Map.of(), MakerSettingsReader.Flags.none()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cjfee_r");
        assertThatThrownBy(() -> read("[maker]\ntaker_utxo_amtpercent = 101\n", Map.of(),
                MakerSettingsReader.Flags.none())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("taker_utxo_amtpercent");
        assertThatThrownBy(() -> MakerSettingsReader.mergeAlgorithm(JmConfig.parse("[maker]\nmerge_algorithm = \"x\"\n",
                Map.of()), MakerSettingsReader.Flags.none())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("[maker] merge_algorithm");
    }
}
