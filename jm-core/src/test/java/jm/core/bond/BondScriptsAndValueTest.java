package jm.core.bond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The worked examples of PROTOCOL.md 10.1 and 10.4. */
class BondScriptsAndValueTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SPEC_PUB = HEX.parseHex("02e87314d5c2c6290ba198f531eb165d5e553f2bdd41424f2e50d5d646798a264d");

    @Test
    void freezeScriptAndScriptPubKeyMatchSpecExample() {
        byte[] script = FidelityBondScripts.freezeScript(1_798_761_600L, SPEC_PUB);
        assertThat(HEX.formatHex(script))
                .isEqualTo("0480ec366bb1752102e87314d5c2c6290ba198f531eb165d5e553f2bdd41424f2e50d5d646798a264dac");
        assertThat(HEX.formatHex(FidelityBondScripts.p2wshScriptPubKey(script)))
                .isEqualTo("0020261ec92961b173b46ad59988a922198b4b39c20955ed22f321ebc4b986b94592");
        assertThat(FidelityBondScripts.address(jm.core.Network.MAINNET, script)).startsWith("bc1q").hasSize(62);
    }

    @Test
    void lastTimenumberLocktimeTakesFiveBytesWithSignByte() {
        assertThat(TimeNumber.toLocktime(959)).isEqualTo(4_099_766_400L);
        assertThat(HEX.formatHex(FidelityBondScripts.numberPush(4_099_766_400L))).isEqualTo("0580785df400");
    }

    @Test
    void smallNumbersUseOpcodesAndMinimalPushes() {
        assertThat(HEX.formatHex(FidelityBondScripts.numberPush(0))).isEqualTo("00");
        assertThat(HEX.formatHex(FidelityBondScripts.numberPush(16))).isEqualTo("60");
        assertThat(HEX.formatHex(FidelityBondScripts.numberPush(17))).isEqualTo("0111");
        assertThat(HEX.formatHex(FidelityBondScripts.numberPush(128))).isEqualTo("028000");
        assertThat(HEX.formatHex(FidelityBondScripts.numberPush(255))).isEqualTo("02ff00");
        assertThat(HEX.formatHex(FidelityBondScripts.numberPush(256))).isEqualTo("020001");
    }

    @Test
    void timenumbersCoverJanuary2020ToDecember2099() {
        assertThat(TimeNumber.toLocktime(0)).isEqualTo(1_577_836_800L);
        assertThat(TimeNumber.toLocktime(84)).isEqualTo(1_798_761_600L);
        for (int t = 0; t < TimeNumber.COUNT; t++) {
            assertThat(TimeNumber.fromLocktime(TimeNumber.toLocktime(t))).isEqualTo(t);
        }
        assertThatThrownBy(() -> TimeNumber.toLocktime(960)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeNumber.fromLocktime(1_798_761_601L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeNumber.fromLocktime(1_798_761_600L + 86_400)).isInstanceOf(IllegalArgumentException.class);
        assertThat(TimeNumber.isTimeNumberLocktime(1_577_836_800L - 86_400 * 31)).isFalse();
    }

    @Test
    void bondValueMatchesSpecExample() {
        double v = BondValue.value(100_000_000L, 1_735_689_600L, 1_798_761_600L, 1_767_225_600L);
        assertThat(v).isCloseTo(268_143_281, within(1.0));
    }

    @Test
    void expiredBondIsWorthLessThanLiveOne() {
        double live = BondValue.value(100_000_000L, 1_600_000_000L, 1_700_000_000L, 1_650_000_000L);
        double expired = BondValue.value(100_000_000L, 1_600_000_000L, 1_700_000_000L, 1_800_000_000L);
        assertThat(expired).isLessThan(live);
        assertThat(BondValue.value(0, 1, 2, 3)).isZero();
    }
}
