package jm.wallet.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import jm.core.OutPoint;
import jm.wallet.keys.Branch;
import org.junit.jupiter.api.Test;

class WalletStateTest {
    static final OutPoint A = OutPoint.of("aa".repeat(32), 1);
    static final OutPoint B = OutPoint.of("bb".repeat(32), 0);

    @Test
    void roundTripsEveryRecordKind() {
        WalletState s = new WalletState();
        s.raiseNextIndex(3, Branch.INTERNAL, 7);
        s.raiseNextIndex(0, Branch.EXTERNAL, 2);
        s.setFrozen(A, true);
        s.labelOutput(B, "from exchange");
        s.labelAddress("bcrt1qxyz", "deposit");
        s.markSeen(A, "bcrt1qxyz");
        s.lock(B, new CoinLock("session-1", 1234));
        s.addBond(84);
        WalletState back = WalletState.parse(new String(s.toJsonLines(), StandardCharsets.UTF_8), "t");
        assertThat(back).isEqualTo(s);
        assertThat(back.nextIndex(3, Branch.INTERNAL)).isEqualTo(7);
        assertThat(back.nextIndex(3, Branch.EXTERNAL)).isZero();
    }

    @Test
    void writesFrozenCoinsAsBip329UnspendableOutputs() {
        WalletState s = new WalletState();
        s.setFrozen(A, true);
        assertThat(new String(s.toJsonLines(), StandardCharsets.UTF_8))
                .contains("{\"type\":\"output\",\"ref\":\"" + A.toWire() + "\",\"spendable\":false}");
    }

    @Test
    void nextIndexNeverGoesDown() {
        WalletState s = new WalletState();
        s.raiseNextIndex(0, Branch.EXTERNAL, 5);
        s.raiseNextIndex(0, Branch.EXTERNAL, 2);
        assertThat(s.nextIndex(0, Branch.EXTERNAL)).isEqualTo(5);
    }

    @Test
    void ignoresUnknownBip329RecordsButRejectsMalformedKnownOnes() {
        String head = "{\"type\":\"jm-wallet-state\",\"version\":1}\n";
        assertThat(WalletState.parse(head + "{\"type\":\"xpub\",\"ref\":\"xpub...\"}\n", "t")).isEqualTo(new WalletState());
        assertThatThrownBy(() -> WalletState.parse(head + "{\"type\":\"output\",\"ref\":\"zz:1\"}\n", "t"))
                .isInstanceOf(WalletFileException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> WalletState.parse(head + "{\"type\":\"jm-index\",\"mixdepth\":0,\"branch\":\"x\",\"next\":1}", "t"))
                .isInstanceOf(WalletFileException.class);
        assertThatThrownBy(() -> WalletState.parse(head + "garbage", "t")).isInstanceOf(WalletFileException.class);
        assertThatThrownBy(() -> WalletState.parse("{\"type\":\"addr\",\"ref\":\"x\"}", "t"))
                .isInstanceOf(WalletFileException.class).hasMessageContaining("not a wallet state file");
    }
}
