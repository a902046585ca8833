package jm.cli.wallet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.HexFormat;
import jm.cli.common.ConfigException;
import jm.wallet.Wallet;
import jm.wallet.bond.BondAddress;
import jm.wallet.bond.TimeNumbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jm wallet bond-address}: the fidelity-bond (timelocked P2WSH) address for a lock month. */
@Command(name = "bond-address", mixinStandardHelpOptions = true,
        description = {"Show the fidelity-bond address that locks coins until the first of a month (UTC).",
                "The address is m/84'/coin'/0'/2/<timenumber>. It is recorded so that the wallet watches it. "
                        + "Coins sent there cannot be spent before the lock date."})
final class BondAddressCommand extends WalletSubcommand {
    @Mixin
    OpenOptions open;

    @Option(names = "--lock", paramLabel = "YYYY-MM", required = true,
            description = "Lock until 00:00 UTC on the first of this month (2020-01 .. 2099-12).")
    String lock;

    @Override
    Integer execute() throws IOException {
        int timenumber;
        try {
            timenumber = TimeNumbers.parseYearMonth(lock);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--lock: " + e.getMessage());
        }
        Wallet w = open(open);
        BondAddress b = w.bondAddress(timenumber);
        if (json) {
            ObjectNode n = JSON.createObjectNode();
            n.put("timenumber", b.timenumber());
            n.put("locktime", b.locktime());
            n.put("lockDate", Instant.ofEpochSecond(b.locktime()).toString());
            n.put("path", b.pathText());
            n.put("pubkey", HexFormat.of().formatHex(b.pubKey()));
            n.put("witnessScript", HexFormat.of().formatHex(b.witnessScript()));
            n.put("address", b.address());
            printJson(n);
        } else {
            out().println("Fidelity bond address, locked until " + Instant.ofEpochSecond(b.locktime()) + ":");
            out().println("  " + b.address());
            out().println("  path " + b.pathText());
        }
        return 0;
    }
}
