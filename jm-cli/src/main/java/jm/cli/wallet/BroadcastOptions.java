package jm.cli.wallet;

import jm.chain.ChainBackend;
import picocli.CommandLine.Option;

/** Fee rate and the broadcast question of the commands that build a plain transaction. */
final class BroadcastOptions {
    @Option(names = "--fee-rate", paramLabel = "SAT_PER_VB",
            description = "Fee rate (default: the node's 3-block estimate, at least 1).")
    Long feeRate;

    @Option(names = {"-y", "--yes"}, description = "Broadcast without asking.")
    boolean yes;

    /** The given fee rate, else the node's 3-block estimate within 1..1000 sat/vB. */
    long rate(ChainBackend chain) {
        return feeRate != null ? feeRate : chain.estimateFeeSatPerVb(3, 1, 1000);
    }
}
