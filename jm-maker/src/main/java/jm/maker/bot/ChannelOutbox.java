package jm.maker.bot;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import jm.core.Nick;
import jm.core.command.OfferCommand;
import jm.core.command.PrivateCommand;
import jm.net.channel.ChannelId;
import jm.net.channel.NoRouteException;
import jm.net.channel.OnionMessageChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Outbox} over the onion message channel: replies go on the channel the taker used last,
 * falling back to the default route (direct if handshaked, else a directory where the nick was
 * seen). Commitment broadcasts use NG's method: a throwaway channel with a fresh nick connects to
 * every directory (waiting a bounded time for all of them), publishes {@code !hp2} and
 * disconnects, off the maker's thread.
 */
final class ChannelOutbox implements Outbox<ChannelId> {
    private static final Logger log = LoggerFactory.getLogger(ChannelOutbox.class);
    static final Duration HP2_TIMEOUT = Duration.ofSeconds(60);
    /** How long a commitment broadcast waits for the directories after the first one is up. */
    static final Duration HP2_ALL_DIRECTORIES_WAIT = Duration.ofSeconds(30);

    private final Duration allDirectoriesWait;

    private final OnionMessageChannel channel;
    private final Supplier<OnionMessageChannel> throwawayChannel;
    private final Executor background;

    ChannelOutbox(OnionMessageChannel channel, Supplier<OnionMessageChannel> throwawayChannel, Executor background) {
        this(channel, throwawayChannel, background, HP2_ALL_DIRECTORIES_WAIT);
    }

    ChannelOutbox(OnionMessageChannel channel, Supplier<OnionMessageChannel> throwawayChannel, Executor background,
                  Duration allDirectoriesWait) {
        this.allDirectoriesWait = Objects.requireNonNull(allDirectoriesWait);
        this.channel = Objects.requireNonNull(channel);
        this.throwawayChannel = throwawayChannel;
        this.background = Objects.requireNonNull(background);
    }

    @Override
    public void send(Nick to, PrivateCommand command, Optional<ChannelId> via) {
        sendPrivate(to, command.name().wireName(), command.args(), via);
    }

    @Override
    public void sendOffer(Nick to, OfferCommand offer, Optional<String> bondProof, Optional<ChannelId> via) {
        sendPrivate(to, offer.name().wireName(), Outbox.offerData(offer, bondProof), via);
    }

    private void sendPrivate(Nick to, String command, String data, Optional<ChannelId> via) {
        if (via.isPresent()) {
            try {
                channel.sendPrivate(to, command, data, via.get());
                return;
            } catch (NoRouteException | RuntimeException e) {
                log.debug("{} !{} not sent on {} ({}), trying the default route", to, command, via.get(), e.getMessage());
            }
        }
        try {
            channel.sendPrivate(to, command, data);
        } catch (NoRouteException | RuntimeException e) {
            log.info("{} !{} not sent: {}", to, command, e.getMessage());
        }
    }

    @Override
    public void publish(String body) {
        try {
            channel.publish(body);
        } catch (RuntimeException e) {
            log.info("public message not sent: {}", e.getMessage());
        }
    }

    @Override
    public void broadcastCommitment(String commitmentHex) {
        if (throwawayChannel == null) {
            return;
        }
        background.execute(() -> {
            OnionMessageChannel c = null;
            try {
                c = throwawayChannel.get();
                c.start().get(HP2_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                c.awaitDirectory().get(HP2_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                try {
                    // every directory, as NG does: makers reachable only elsewhere blacklist it too
                    c.awaitAllDirectories().get(allDirectoriesWait.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    log.debug("commitment broadcast: only {} directories up after {}", c.liveDirectories().size(),
                            allDirectoriesWait);
                }
                int n = c.publish("hp2 " + commitmentHex);
                log.debug("commitment broadcast on {} directories", n);
            } catch (Exception e) {
                log.debug("commitment broadcast failed: {}", e.toString());
            } finally {
                if (c != null) {
                    try {
                        c.stop().get(HP2_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    } catch (Exception e) {
                        log.debug("throwaway channel stop: {}", e.toString());
                    }
                }
            }
        });
    }
}
