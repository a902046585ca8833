package jm.wallet.bond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import jm.core.Network;
import jm.core.bond.FidelityBondScripts;
import jm.core.testing.Vectors;
import jm.wallet.keys.HdKeys;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.keys.WalletType;
import org.junit.jupiter.api.Test;

class BondBranchTest {

    @Test
    void derivesReferenceTimelockedAddresses() {
        JsonNode root = Vectors.load("fidelity_bond/fidelity_bond.json");
        Mnemonic m = Mnemonic.parse(root.get("mnemonic").asText());
        int checked = 0;
        for (JsonNode v : root.get("timelocked_addresses")) {
            Network net = v.get("chain").asText().equals("mainnet") ? Network.MAINNET : Network.REGTEST;
            HdKeys keys = HdKeys.fromMnemonic(m, Passphrase.NONE, net, WalletType.P2WPKH);
            BondAddress b = new BondBranch(keys).address(v.get("timenumber").asInt());
            assertThat(b.locktime()).isEqualTo(v.get("locktime").asLong());
            assertThat(b.pathText()).isEqualTo(v.get("path").asText());
            assertThat(HexFormat.of().formatHex(b.pubKey())).isEqualTo(v.get("pubkey_hex").asText());
            assertThat(HexFormat.of().formatHex(b.witnessScript())).isEqualTo(v.get("redeem_script_hex").asText());
            assertThat(HexFormat.of().formatHex(b.scriptPubKey())).isEqualTo(v.get("scriptpubkey_hex").asText());
            assertThat(b.address()).isEqualTo(v.get("address").asText());
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    @Test
    void timenumbersRoundTripAndRejectNonMonthStarts() {
        for (int t = 0; t < TimeNumbers.COUNT; t++) {
            assertThat(TimeNumbers.fromLocktime(TimeNumbers.toLocktime(t))).isEqualTo(t);
            assertThat(TimeNumbers.toLocktime(t)).isEqualTo(jm.core.bond.TimeNumber.toLocktime(t));
        }
        assertThatThrownBy(() -> TimeNumbers.fromLocktime(TimeNumbers.toLocktime(5) + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeNumbers.toLocktime(960)).isInstanceOf(IllegalArgumentException.class);
        assertThat(TimeNumbers.parseYearMonth("2027-01")).isEqualTo(84);
    }

    @Test
    void yearMonthCoversExactlyTheTimenumberRange() {
        assertThat(TimeNumbers.parseYearMonth("2020-01")).isZero();
        assertThat(TimeNumbers.parseYearMonth("2099-12")).isEqualTo(TimeNumbers.COUNT - 1);
        for (String bad : new String[] {"2019-12", "2100-01", "2027-13", "2027-00", "2027-1", "27-01", "", "2027-01x"}) {
            assertThatThrownBy(() -> TimeNumbers.parseYearMonth(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> TimeNumbers.parseYearMonth(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void freezeScriptMatchesSpecExample() {
        byte[] pub = HexFormat.of().parseHex("02e87314d5c2c6290ba198f531eb165d5e553f2bdd41424f2e50d5d646798a264d");
        byte[] ws = FidelityBondScripts.freezeScript(1798761600L, pub);
        assertThat(HexFormat.of().formatHex(ws))
                .isEqualTo("0480ec366bb1752102e87314d5c2c6290ba198f531eb165d5e553f2bdd41424f2e50d5d646798a264dac");
        assertThat(HexFormat.of().formatHex(FidelityBondScripts.p2wshScriptPubKey(ws)))
                .isEqualTo("0020261ec92961b173b46ad59988a922198b4b39c20955ed22f321ebc4b986b94592");
    }
}
