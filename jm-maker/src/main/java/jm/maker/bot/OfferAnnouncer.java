package jm.maker.bot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import jm.core.Nick;
import jm.core.command.OfferCommand;
import jm.core.offer.Offer;
import jm.maker.limit.OrderbookBudget;
import jm.maker.offer.MakerOffers;
import jm.maker.offer.OfferFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our offers and who hears of them: recomputes them from the wallet's balances, announces them
 * publicly (at once after connecting, after a random delay when they change), withdraws them with
 * {@code !cancel}, and answers {@code !orderbook} requests privately within the global answer
 * budget. Not thread-safe: used on the engine's serial executor; time from the injected clock.
 *
 * @param <C> the transport's channel type
 */
final class OfferAnnouncer<C> {
    private static final Logger log = LoggerFactory.getLogger(OfferAnnouncer.class);

    private final MakerPorts<C> ports;
    private final Function<Nick, Optional<String>> bondProof;
    private final OrderbookBudget<OrderbookRequest<C>> orderbookBudget;
    private MakerOffers offers = new MakerOffers(List.of());
    private Instant announceAt;
    private long orderbookRequests;

    /** An {@code !orderbook} waiting for the global budget. */
    private record OrderbookRequest<C>(Nick from, C via) {
    }

    OfferAnnouncer(MakerPorts<C> ports, Function<Nick, Optional<String>> bondProof) {
        this.ports = ports;
        this.bondProof = Objects.requireNonNull(bondProof);
        this.orderbookBudget = new OrderbookBudget<>(ports.clock().instant());
    }

    MakerOffers offers() {
        return offers;
    }

    int orderbookWaiting() {
        return orderbookBudget.waiting();
    }

    /** {@code !orderbook} requests that reached the global budget since start. */
    long orderbookRequests() {
        return orderbookRequests;
    }

    /**
     * Recomputes offers from wallet balances. If they changed, withdraws vanished offer ids and
     * schedules a public re-announcement after a random delay ({@code immediately}: at the next
     * tick, for the first announcement after connecting).
     *
     * @return whether the offers changed
     */
    boolean refresh(boolean immediately) {
        List<Offer> fresh = OfferFactory.build(ports.wallet().offerableBalances(), ports.settings().offers(), ports.random());
        boolean changed = !fresh.equals(offers.offers());
        if (changed) {
            // withdraw offer ids that no longer exist (reference behaviour; NG just stops announcing them)
            cancel(offers.offers().stream().filter(old -> fresh.stream().noneMatch(o -> o.oid() == old.oid())).toList());
            offers = new MakerOffers(fresh);
            log.info("offers now: {}", fresh.isEmpty() ? "none (insufficient balance)" : fresh.stream().map(Offer::toWire).toList());
        }
        if (immediately) {
            announceAt = ports.clock().instant();
        } else if (changed) {
            // Private answers (!orderbook, !fill checks) use the new offers from now on; only the
            // unsolicited public re-announcement waits a random 0..reannounce_delay_max (NG, 600 s):
            // a public offer change right after a broadcast would tell every watcher which
            // CoinJoin on chain was ours and roughly how much we put in.
            long maxMs = ports.settings().reannounceDelayMax().toMillis();
            announceAt = ports.clock().instant().plusMillis(maxMs <= 0 ? 0 : ports.random().nextLong(maxMs + 1));
        }
        return changed;
    }

    /** Publishes every current offer (one PUBMSG each, without bond). */
    void announce() {
        for (Offer o : offers.offers()) {
            ports.out().publish(o.toWire());
        }
        announceAt = null;
    }

    /** Announces when a scheduled (re-)announcement is due. */
    void announceIfDue(Instant now) {
        if (announceAt != null && !now.isBefore(announceAt)) {
            announce();
        }
    }

    /** Withdraws our offers publicly ({@code !cancel} for each oid), e.g. at shutdown. */
    void withdraw() {
        cancel(offers.offers());
        offers = new MakerOffers(List.of());
    }

    /** One PUBMSG {@code !cancel} for each of {@code gone}, nothing if it is empty. */
    private void cancel(List<Offer> gone) {
        StringBuilder body = new StringBuilder();
        for (Offer o : gone) {
            body.append(body.length() == 0 ? "" : "!").append("cancel ").append(o.oid());
        }
        if (body.length() > 0) {
            ports.out().publish(body.toString());
        }
    }

    /**
     * Queues an {@code !orderbook} answer for {@code from} over {@code via}; {@code first}: ahead
     * of the global budget (only a taker whose commitment we verified), then answers what the
     * budget allows now.
     */
    void requestOrderbook(Nick from, C via, boolean first, Instant now) {
        orderbookRequests++;
        orderbookBudget.submit(new OrderbookRequest<>(from, via), first);
        flushOrderbook(now);
    }

    /** Answers queued {@code !orderbook} requests the global budget allows now. */
    void flushOrderbook(Instant now) {
        for (OrderbookRequest<C> r : orderbookBudget.drain(now)) {
            sendOffers(r.from(), r.via());
        }
    }

    /**
     * Each offer in its own PRIVMSG (NG takers read only the first offer of a line; reference
     * takers read both layouts), each with {@code !tbond} last if we have a bond, so that the
     * bond reaches a taker whichever of our messages it keeps.
     */
    private void sendOffers(Nick to, C via) {
        List<Offer> list = offers.offers();
        if (list.isEmpty()) {
            return;
        }
        Optional<String> bond = bondProof.apply(to);
        for (Offer o : list) {
            ports.out().sendOffer(to, new OfferCommand(o), bond, Optional.ofNullable(via));
        }
    }
}
