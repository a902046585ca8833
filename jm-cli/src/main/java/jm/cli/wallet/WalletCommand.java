package jm.cli.wallet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jm wallet}: the HD wallet. */
@Command(name = "wallet", mixinStandardHelpOptions = true,
        description = "JoinMarket HD wallet: create, inspect, derive addresses, freeze coins, release reservations, send, fidelity bonds.",
        subcommands = {GenerateCommand.class, ImportCommand.class, InfoCommand.class, AddressesCommand.class,
                FreezeCommand.class, FreezeCommand.Unfreeze.class, SendCommand.class, HistoryCommand.class,
                BondAddressCommand.class, BondsCommand.class, SpendBondCommand.class, ReleaseCommand.class})
public final class WalletCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
