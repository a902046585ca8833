package jm.taker.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.crypto.BoxChannel;
import jm.taker.offer.MakerOffer;
import jm.taker.verify.IoAuthVerdict;

/**
 * The makers of one CoinJoin: those asked in the current attempt and how far each got, those
 * that passed {@code !ioauth}, those dropped (with why) and those never to be asked again (dropped
 * ones and our own makers). Session thread only.
 */
final class MakerRoster {
    /** At most this many dropped makers are named in the report. */
    static final int MAX_DROPPED_REPORTED = 200;

    /** How far an asked maker got. */
    enum Step { FILLED, AUTH_SENT, ACCEPTED }

    /** An asked maker: its offer, its step and, once it sent {@code !pubkey}, our box with it. */
    static final class Maker {
        final MakerOffer offer;
        Step step = Step.FILLED;
        BoxChannel box;
        String boxPubHex;

        Maker(MakerOffer offer) {
            this.offer = offer;
        }
    }

    private final Set<Nick> own = new HashSet<>();
    private final Set<Nick> ignored = new HashSet<>();
    private final Map<Nick, String> dropped = new LinkedHashMap<>();
    private final Map<Nick, Maker> active = new LinkedHashMap<>();
    private final Map<Nick, IoAuthVerdict.Accepted> accepted = new LinkedHashMap<>();
    private final Consumer<String> notes;

    /** @param notes where "dropped ..." lines go (the session's progress) */
    MakerRoster(Collection<Nick> ownNicks, Consumer<String> notes) {
        this.notes = notes;
        addOwn(ownNicks);
    }

    /** Adds nicks of our own makers (never asked); returns whether any was new. */
    boolean addOwn(Collection<Nick> nicks) {
        boolean grew = own.addAll(nicks);
        ignored.addAll(own);
        return grew;
    }

    Set<Nick> own() {
        return Collections.unmodifiableSet(own);
    }

    /** Makers never to be chosen: dropped ones and our own. */
    Set<Nick> ignored() {
        return Collections.unmodifiableSet(ignored);
    }

    /** Makers a replacement round must not choose: the ignored and those already accepted. */
    Set<Nick> excludedFromReplacement() {
        Set<Nick> s = new HashSet<>(ignored);
        s.addAll(accepted.keySet());
        return s;
    }

    /** A new fill round: the accepted makers stay, the others asked before are forgotten, {@code makers} join. */
    void startRound(List<MakerOffer> makers) {
        active.keySet().retainAll(accepted.keySet());
        for (MakerOffer o : makers) {
            active.put(o.maker(), new Maker(o));
        }
    }

    /** The asked maker, or null if it is not part of the current attempt. */
    Maker asked(Nick maker) {
        return active.get(maker);
    }

    void accept(Nick maker, IoAuthVerdict.Accepted verdict) {
        active.get(maker).step = Step.ACCEPTED;
        accepted.put(maker, verdict);
    }

    boolean isAccepted(Nick maker) {
        return accepted.containsKey(maker);
    }

    /** The makers that passed {@code !ioauth}, in the order they did. */
    List<IoAuthVerdict.Accepted> accepted() {
        return new ArrayList<>(accepted.values());
    }

    int acceptedCount() {
        return accepted.size();
    }

    /** Asked makers that have not passed {@code !ioauth} yet, with their step. */
    Map<Nick, Step> pending() {
        Map<Nick, Step> m = new LinkedHashMap<>();
        active.forEach((n, s) -> {
            if (s.step != Step.ACCEPTED) {
                m.put(n, s.step);
            }
        });
        return m;
    }

    /** The offer's transaction fee contribution of an asked maker (0 if it is not asked). */
    long offerTxFee(Nick maker) {
        Maker m = active.get(maker);
        return m == null ? 0 : m.offer.txFee().value();
    }

    BoxChannel box(Nick maker) {
        return active.get(maker).box;
    }

    /** Inputs already in the CoinJoin: ours and the accepted makers'. */
    Set<OutPoint> usedOutpoints(Collection<OutPoint> ours) {
        Set<OutPoint> s = new HashSet<>(ours);
        accepted.values().forEach(a -> a.inputs().forEach(i -> s.add(i.outpoint())));
        return s;
    }

    /** Output scripts (hex) already in the CoinJoin: {@code ours} and the accepted makers'. */
    Set<String> usedScripts(Collection<String> ours) {
        HexFormat hex = HexFormat.of();
        Set<String> s = new HashSet<>(ours);
        for (IoAuthVerdict.Accepted a : accepted.values()) {
            s.add(hex.formatHex(a.cjScript()));
            s.add(hex.formatHex(a.changeScript()));
        }
        return s;
    }

    /** Removes the maker from this CoinJoin for good and says why. */
    void drop(Nick maker, String reason) {
        active.remove(maker);
        accepted.remove(maker);
        ignored.add(maker);
        if (dropped.size() < MAX_DROPPED_REPORTED) {
            dropped.put(maker, reason);
        }
        notes.accept("dropped " + maker + ": " + reason);
    }

    /** The attempt's transaction is dead: nobody is asked or accepted any more (the dropped stay dropped). */
    void endAttempt() {
        accepted.clear();
        active.clear();
    }

    Map<Nick, String> dropped() {
        return Collections.unmodifiableMap(dropped);
    }
}
