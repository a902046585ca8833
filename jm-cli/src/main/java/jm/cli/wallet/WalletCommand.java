package jm.cli.wallet;

import jm.cli.common.GroupCommand;
import picocli.CommandLine.Command;

/** {@code jm wallet}: the HD wallet. */
@Command(name = "wallet", mixinStandardHelpOptions = true,
        description = "JoinMarket HD wallet: create, inspect, derive addresses, freeze coins, release reservations, send, fidelity bonds.",
        subcommands = {GenerateCommand.class, ImportCommand.class, InfoCommand.class, AddressesCommand.class,
                FreezeCommand.class, FreezeCommand.Unfreeze.class, SendCommand.class, HistoryCommand.class,
                BondAddressCommand.class, BondsCommand.class, SpendBondCommand.class, ReleaseCommand.class})
public final class WalletCommand extends GroupCommand {
}
