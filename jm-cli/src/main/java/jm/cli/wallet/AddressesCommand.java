package jm.cli.wallet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import jm.cli.common.ConfigException;
import jm.core.Network;
import jm.wallet.Wallet;
import jm.wallet.WalletConfig;
import jm.wallet.keys.Branch;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.keys.WalletAddress;
import jm.wallet.keys.WalletType;
import jm.wallet.store.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jm wallet addresses}: derive addresses, from a wallet file or a mnemonic on stdin. */
@Command(name = "addresses", mixinStandardHelpOptions = true,
        description = {"Derive addresses m/84'/coin'/mixdepth'/branch/index without touching the chain.",
                "With --mnemonic-stdin no wallet file is needed: the mnemonic is read from standard input (and an "
                        + "optional BIP39 passphrase from the next line). Derived addresses are not marked as used."})
final class AddressesCommand extends WalletSubcommand {
    @Option(names = "--mnemonic-stdin", description = "Read the mnemonic (and passphrase on the next line) from standard input.")
    boolean mnemonicStdin;

    @Mixin
    OpenOptions open;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "p2wpkh",
            description = "With --mnemonic-stdin: p2wpkh (default) or p2sh-p2wpkh.")
    String type;

    @Option(names = "--mixdepth", paramLabel = "N", defaultValue = "0", description = "Mixdepth (default 0).")
    int mixdepth;

    @Option(names = "--branch", paramLabel = "BRANCH", defaultValue = "external",
            description = "external (receive, default) or internal (change).")
    String branch;

    @Option(names = "--from", paramLabel = "INDEX", defaultValue = "0", description = "First index (default 0).")
    int from;

    @Option(names = "--count", paramLabel = "N", defaultValue = "20", description = "How many addresses (default 20).")
    int count;

    @Override
    Integer execute() throws IOException {
        Branch b = Branch.parse(branch).filter(x -> x != Branch.BOND)
                .orElseThrow(() -> new ConfigException("--branch must be external or internal: " + branch));
        if (count < 1 || count > 100_000) {
            throw new ConfigException("--count must be 1..100000");
        }
        if (from < 0 || (long) from + count > Integer.MAX_VALUE) {
            throw new ConfigException("--from must be 0 or more");
        }
        if (mixdepth < 0 || mixdepth > 9) {
            throw new ConfigException("--mixdepth must be 0..9");
        }
        Wallet w;
        if (mnemonicStdin) {
            String[] in = readMnemonicFromStdin();
            Network net = open.network != null ? Network.parseUserInput(open.network) : network(null, config());
            WalletType t = WalletType.parse(type)
                    .orElseThrow(() -> new ConfigException("--type must be p2wpkh or p2sh-p2wpkh: " + type));
            w = Wallet.fromMnemonic("stdin", Mnemonic.parse(in[0]), Passphrase.of(in[1]),
                    new WalletConfig(net, t, 10, WalletConfig.DEFAULT_GAP_LIMIT), StateStore.inMemory(),
                    Clock.systemUTC(), 0);
        } else {
            w = openReadOnly(open); // derivation only: never writes, works while the wallet is in use
        }
        List<WalletAddress> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(w.deriveAddress(mixdepth, b, from + i));
        }
        if (json) {
            ArrayNode arr = JSON.createArrayNode();
            for (WalletAddress a : list) {
                ObjectNode n = arr.addObject();
                n.put("mixdepth", a.path().mixdepth());
                n.put("branch", a.path().branch().label());
                n.put("index", a.path().index());
                n.put("path", a.path().toString());
                n.put("address", a.address());
                n.put("pubkey", a.pubKeyHex());
            }
            printJson(arr);
        } else {
            for (WalletAddress a : list) {
                out().println(a.path() + "  " + a.address());
            }
        }
        return 0;
    }
}
