package jm.demo.market;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import jm.core.Nick;
import jm.core.offer.OfferType;
import jm.core.wire.PubMsg;
import jm.net.channel.ChannelId;
import jm.net.channel.MessageListener;

/**
 * A taker-side listener that notes when each maker's first public offer arrived, so the demo can
 * tell how long a maker takes from start to an offer visible to takers (over Tor: the maker's
 * onion service published, its directory connection through Tor, the relay to the taker's Tor).
 */
final class OfferWatch implements MessageListener {
    private final LongSupplier nanoClock;
    private final Map<Nick, Long> firstOffer = new HashMap<>();
    private Set<Nick> awaited = Set.of();
    private CompletableFuture<Void> all = new CompletableFuture<>();

    OfferWatch(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public void onPublic(ChannelId via, PubMsg message) {
        String body = message.body();
        int end = body.indexOf(' ');
        String command = (end < 0 ? body : body.substring(0, end));
        if (command.startsWith("!")) {
            command = command.substring(1);
        }
        if (OfferType.fromWireName(command).isEmpty()) {
            return;
        }
        long now = nanoClock.getAsLong();
        synchronized (this) {
            firstOffer.putIfAbsent(message.from(), now);
            check();
        }
    }

    /** Completes once an offer from every one of {@code nicks} has been seen. */
    synchronized CompletableFuture<Void> awaitOffers(Set<Nick> nicks) {
        awaited = Set.copyOf(nicks);
        all = new CompletableFuture<>();
        check();
        return all;
    }

    private void check() {
        if (firstOffer.keySet().containsAll(awaited)) {
            all.complete(null);
        }
    }

    /** When {@code nick}'s first offer arrived ({@code nanoClock} time). */
    synchronized Optional<Long> firstOfferAt(Nick nick) {
        return Optional.ofNullable(firstOffer.get(nick));
    }
}
