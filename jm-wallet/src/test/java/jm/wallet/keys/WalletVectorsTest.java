package jm.wallet.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import jm.core.Network;
import jm.core.testing.Vectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class WalletVectorsTest {

    private static Network chain(JsonNode w) {
        return w.get("chain").asText().equals("mainnet") ? Network.MAINNET : Network.REGTEST;
    }

    @TestFactory
    List<DynamicTest> derivesReferenceAddressesPubkeysWifsAndXpubs() {
        JsonNode root = Vectors.load("wallet_bip39/wallet_bip39.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode w : root.get("wallets")) {
            String name = w.get("mnemonic").asText().split(" ")[0] + "/" + w.get("mnemonic_extension").asText()
                    + "/" + w.get("chain").asText();
            tests.add(DynamicTest.dynamicTest("native " + name, () -> {
                HdKeys keys = HdKeys.fromMnemonic(Mnemonic.parse(w.get("mnemonic").asText()),
                        Passphrase.of(w.get("mnemonic_extension").asText()), chain(w), WalletType.P2WPKH);
                for (JsonNode md : w.get("mixdepths")) {
                    int m = md.get("mixdepth").asInt();
                    assertThat(keys.accountExport(m, true)).isEqualTo(md.get("account_xpub").asText());
                    checkBranch(keys, m, Branch.EXTERNAL, md.get("external"));
                    checkBranch(keys, m, Branch.INTERNAL, md.get("internal"));
                }
            }));
            tests.add(DynamicTest.dynamicTest("p2sh-p2wpkh " + name, () -> {
                HdKeys keys = HdKeys.fromMnemonic(Mnemonic.parse(w.get("mnemonic").asText()),
                        Passphrase.of(w.get("mnemonic_extension").asText()), chain(w), WalletType.P2SH_P2WPKH);
                for (JsonNode md : w.get("p2sh_p2wpkh_wallet_SegwitLegacyWallet")) {
                    int m = md.get("mixdepth").asInt();
                    checkBranch(keys, m, Branch.EXTERNAL, md.get("external"));
                    checkBranch(keys, m, Branch.INTERNAL, md.get("internal"));
                }
            }));
        }
        return tests;
    }

    private static void checkBranch(HdKeys keys, int mixdepth, Branch branch, JsonNode entries) {
        assertThat(entries.size()).isPositive();
        for (JsonNode e : entries) {
            int i = e.get("index").asInt();
            WalletAddress a = keys.address(mixdepth, branch, i);
            assertThat(a.path().toString()).isEqualTo(e.get("path").asText());
            assertThat(a.address()).isEqualTo(e.get("address").asText());
            assertThat(a.pubKeyHex()).isEqualTo(e.get("pubkey_hex").asText());
            assertThat(keys.wif(a.path())).isEqualTo(e.get("wif").asText());
        }
    }

    @Test
    void firstReceiveAddressOfAbandonAboutIsTheBip84Vector() {
        HdKeys keys = HdKeys.fromMnemonic(Mnemonic.parse(
                "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"),
                Passphrase.NONE, Network.MAINNET, WalletType.P2WPKH);
        assertThat(keys.address(0, Branch.EXTERNAL, 0).address()).isEqualTo("bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu");
    }

    @Test
    void passphraseChangesTheAddresses() {
        Mnemonic m = Mnemonic.parse(
                "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about");
        String plain = HdKeys.fromMnemonic(m, Passphrase.NONE, Network.REGTEST, WalletType.P2WPKH)
                .address(0, Branch.EXTERNAL, 0).address();
        String withPass = HdKeys.fromMnemonic(m, Passphrase.of("x"), Network.REGTEST, WalletType.P2WPKH)
                .address(0, Branch.EXTERNAL, 0).address();
        assertThat(withPass).isNotEqualTo(plain);
        assertThat(HdKeys.fromMnemonic(m, Passphrase.of(""), Network.REGTEST, WalletType.P2WPKH)
                .address(0, Branch.EXTERNAL, 0).address()).isEqualTo(plain);
    }
}
