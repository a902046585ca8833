package jm.maker.bot;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * What the engine's parts ({@link OfferAnnouncer}, {@link SessionSteps}, {@link BroadcastWatcher})
 * share: the settings, the wallet, the chain, the outbox, the maker's files, the clock and the
 * randomness. All blocking calls through it run on the engine's serial executor.
 *
 * @param <C> the transport's channel type
 */
record MakerPorts<C>(MakerSettings settings, MakerWallet wallet, MakerChain chain, Outbox<C> out,
                     CommitmentBlacklist blacklist, CoinJoinHistory history, Clock clock, SecureRandom random) {
    MakerPorts {
        for (Object port : new Object[] {settings, wallet, chain, out, blacklist, history, clock, random}) {
            Objects.requireNonNull(port);
        }
    }
}
