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
        assertThat(help.toString()).contains("cjfee_r", "cjfee_a", "ordertype", "txfee_contribution", "minsize",
                "merge_algorithm", "taker_utxo_age", "taker_utxo_amtpercent", "taker_utxo_retries", "directory_nodes",
                "--dual-offers", "--listen", "--tor-control");
    }
}
