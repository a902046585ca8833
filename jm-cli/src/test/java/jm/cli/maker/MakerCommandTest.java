package jm.cli.maker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import jm.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MakerCommandTest {

    @Test
    void isRegisteredUnderJmAndDocumentsNgKeys() {
        CommandLine jm = new CommandLine(new Main());
        assertThat(jm.getSubcommands()).containsKey("maker");
        CommandLine start = jm.getSubcommands().get("maker").getSubcommands().get("start");
        assertThat(start).isNotNull();
        StringWriter help = new StringWriter();
        start.usage(new PrintWriter(help, true));
        assertThat(help.toString()).contains("offer_type", "cj_fee_relative", "cj_fee_absolute", "tx_fee_contribution",
                "min_size", "merge_algorithm", "taker_utxo_age", "directory_servers", "socks_host", "control_port",
                "MAKER__CJ_FEE_ABSOLUTE", "--dual-offers", "--listen", "--tor-control")
                .doesNotContain("JM_MAKER_");
    }
}
