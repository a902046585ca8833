package jm.demo.market;

import java.util.function.Supplier;
import jm.maker.bot.MakerBot;
import jm.maker.bot.MakerWallet;

/**
 * Lets a caller wrap a maker's wallet port (tests use it to script a maker that disappears
 * mid-protocol). {@code bot} yields the running bot once it has started.
 */
@FunctionalInterface
public interface MakerWalletHook {
    MakerWalletHook NONE = (index, wallet, bot) -> wallet;

    MakerWallet wrap(int index, MakerWallet wallet, Supplier<MakerBot> bot);
}
