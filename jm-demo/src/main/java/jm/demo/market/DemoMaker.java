package jm.demo.market;

import java.nio.file.Path;
import java.util.Objects;
import jm.chain.rpc.BitcoinCoreBackend;
import jm.core.Nick;
import jm.core.Sats;
import jm.core.offer.Offer;
import jm.maker.bot.MakerBot;
import jm.wallet.MixdepthBalance;
import jm.wallet.Wallet;

/**
 * One running maker of the demo market.
 *
 * @param name    wallet name ({@code maker1}, ...)
 * @param wallet  its jm-wallet wallet (file under {@code <root>/wallets})
 * @param chain   its RPC backend (watch-only wallet {@code jm-<name>} in the node)
 * @param bot     the running maker bot
 * @param dataDir the bot's state (nick file, commitment blacklist, history CSV)
 */
public record DemoMaker(String name, Wallet wallet, BitcoinCoreBackend chain, MakerBot bot, Path dataDir) {
    public DemoMaker {
        Objects.requireNonNull(name);
        Objects.requireNonNull(wallet);
        Objects.requireNonNull(chain);
        Objects.requireNonNull(bot);
        Objects.requireNonNull(dataDir);
    }

    public Nick nick() {
        return bot.nick();
    }

    /** Whole wallet balance (every mixdepth; confirmed, unconfirmed, frozen) as of the last sync. */
    public Sats totalBalance() {
        long sum = 0;
        for (MixdepthBalance b : wallet.balances()) {
            sum += b.total().value();
        }
        return Sats.of(sum);
    }

    /** The maker's transaction-fee contribution per CoinJoin, from its (first) offer. */
    public Sats offeredTxFee() {
        return bot.offers().offers().stream().findFirst().map(Offer::txFee).orElse(Sats.ZERO);
    }
}
