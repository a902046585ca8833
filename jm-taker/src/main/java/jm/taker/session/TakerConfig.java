package jm.taker.session;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import jm.core.Network;
import jm.core.Nick;
import jm.taker.broadcast.BroadcastPolicy;
import jm.taker.fee.MiningFeePolicy;
import jm.taker.podle.PodleParams;
import jm.taker.selection.SelectionPolicy;
import jm.taker.tx.LockTimePolicy;
import jm.taker.verify.IoAuthVerifier;

/**
 * Every knob of the taker; names follow JoinMarket NG's config keys.
 *
 * @param network                chain (address encoding)
 * @param selection              maker choice ({@code order_choose_fn}, {@code max_cj_fee_abs},
 *                               {@code max_cj_fee_rel}, {@code bondless_makers_allowance})
 * @param minimumMakers          {@code minimum_makers}, default 4
 * @param maxReplacementAttempts {@code max_maker_replacement_attempts}, default 3
 * @param maxMakerUtxos          {@code max_maker_utxos}, default 15
 * @param podle                  {@code taker_utxo_age}, {@code taker_utxo_amtpercent},
 *                               {@code taker_utxo_retries}
 * @param miningFee              {@code tx_fees} (block target), {@code tx_fee_factor}, caps
 * @param fixedFeeRate           a configured rate in sat/kvB instead of the node's estimate
 * @param maxSweepFeeChange      {@code max_sweep_fee_change}, default 0.8
 * @param broadcast              {@code tx_broadcast}, default random-peer
 * @param lockTime               locktime/sequence style
 * @param orderWaitTime          {@code order_wait_time}: how long offers are collected
 * @param makerTimeout           {@code maker_timeout_sec}: per phase (pubkey+ioauth, sig)
 * @param broadcastTimeout       how long a broadcast step may take before the next is tried
 * @param confirmationTimeout    how long to wait for the first confirmation (zero = do not wait)
 * @param maxOfferAge            offers older than this are ignored
 * @param ownNicks               nicks of our own makers: never selected (self-CoinJoin guard,
 *                               PROTOCOL.md 8.2); see {@link OwnNicks} for reading them from a data dir
 * @param orderbookQuiet         the orderbook wait ends early once offers have arrived and no new
 *                               one came for this long (as NG does); {@code orderWaitTime} stays the
 *                               ceiling. Default {@link #DEFAULT_ORDERBOOK_QUIET}
 */
public record TakerConfig(Network network, SelectionPolicy selection, int minimumMakers, int maxReplacementAttempts,
        int maxMakerUtxos, PodleParams podle, MiningFeePolicy miningFee, OptionalLong fixedFeeRate,
        BigDecimal maxSweepFeeChange, BroadcastPolicy broadcast, LockTimePolicy lockTime, Duration orderWaitTime,
        Duration makerTimeout, Duration broadcastTimeout, Duration confirmationTimeout, Duration maxOfferAge,
        Set<Nick> ownNicks, Duration orderbookQuiet) {
    /** Silence after the last new offer that ends the orderbook wait early. */
    public static final Duration DEFAULT_ORDERBOOK_QUIET = Duration.ofSeconds(5);

    public TakerConfig {
        Objects.requireNonNull(orderbookQuiet);
        if (orderbookQuiet.isNegative() || orderbookQuiet.isZero()) {
            throw new IllegalArgumentException("orderbook quiet period must be positive");
        }
        ownNicks = Set.copyOf(Objects.requireNonNull(ownNicks, "ownNicks"));
        Objects.requireNonNull(network);
        Objects.requireNonNull(selection);
        Objects.requireNonNull(podle);
        Objects.requireNonNull(miningFee);
        Objects.requireNonNull(fixedFeeRate);
        Objects.requireNonNull(maxSweepFeeChange);
        Objects.requireNonNull(broadcast);
        Objects.requireNonNull(lockTime);
        Objects.requireNonNull(orderWaitTime);
        Objects.requireNonNull(makerTimeout);
        Objects.requireNonNull(broadcastTimeout);
        Objects.requireNonNull(confirmationTimeout);
        Objects.requireNonNull(maxOfferAge);
        if (minimumMakers < 1) {
            throw new IllegalArgumentException("minimum_makers must be >= 1");
        }
        if (maxReplacementAttempts < 0) {
            throw new IllegalArgumentException("max_maker_replacement_attempts must be >= 0");
        }
        if (maxMakerUtxos < 1) {
            throw new IllegalArgumentException("max_maker_utxos must be >= 1");
        }
        if (maxSweepFeeChange.signum() < 0) {
            throw new IllegalArgumentException("max_sweep_fee_change must be >= 0");
        }
        if (fixedFeeRate.isPresent() && fixedFeeRate.getAsLong() < 0) {
            throw new IllegalArgumentException("fee rate must be >= 0");
        }
    }

    /** With the default orderbook quiet period and no own nicks to exclude. */
    public TakerConfig(Network network, SelectionPolicy selection, int minimumMakers, int maxReplacementAttempts,
            int maxMakerUtxos, PodleParams podle, MiningFeePolicy miningFee, OptionalLong fixedFeeRate,
            BigDecimal maxSweepFeeChange, BroadcastPolicy broadcast, LockTimePolicy lockTime, Duration orderWaitTime,
            Duration makerTimeout, Duration broadcastTimeout, Duration confirmationTimeout, Duration maxOfferAge) {
        this(network, selection, minimumMakers, maxReplacementAttempts, maxMakerUtxos, podle, miningFee, fixedFeeRate,
                maxSweepFeeChange, broadcast, lockTime, orderWaitTime, makerTimeout, broadcastTimeout,
                confirmationTimeout, maxOfferAge, Set.of(), DEFAULT_ORDERBOOK_QUIET);
    }

    /** NG-like defaults for a chain. */
    public static TakerConfig defaults(Network network) {
        return new TakerConfig(network, SelectionPolicy.DEFAULT, 4, 3, IoAuthVerifier.DEFAULT_MAX_MAKER_UTXOS,
                PodleParams.DEFAULT, MiningFeePolicy.DEFAULT, OptionalLong.empty(), new BigDecimal("0.8"),
                BroadcastPolicy.RANDOM_PEER, LockTimePolicy.ANTI_FEE_SNIPING, Duration.ofSeconds(30),
                Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMinutes(30), Duration.ofMinutes(30));
    }

    public TakerConfig withSelection(SelectionPolicy s) {
        return with(k -> k.selection = s);
    }

    public TakerConfig withMinimumMakers(int n) {
        return with(k -> k.minimumMakers = n);
    }

    public TakerConfig withMaxReplacementAttempts(int n) {
        return with(k -> k.maxReplacementAttempts = n);
    }

    public TakerConfig withPodle(PodleParams p) {
        return with(k -> k.podle = p);
    }

    public TakerConfig withFixedFeeRate(long satPerKvb) {
        return with(k -> k.fixedFeeRate = OptionalLong.of(satPerKvb));
    }

    public TakerConfig withBroadcast(BroadcastPolicy b) {
        return with(k -> k.broadcast = b);
    }

    public TakerConfig withTimeouts(Duration orderWait, Duration maker, Duration broadcastT, Duration confirmation) {
        return with(k -> {
            k.orderWaitTime = orderWait;
            k.makerTimeout = maker;
            k.broadcastTimeout = broadcastT;
            k.confirmationTimeout = confirmation;
        });
    }

    /** The same knobs with another orderbook quiet period. */
    public TakerConfig withOrderbookQuiet(Duration quiet) {
        return with(k -> k.orderbookQuiet = quiet);
    }

    /** The same knobs, never selecting {@code nicks} (our own makers). */
    public TakerConfig withOwnNicks(Set<Nick> nicks) {
        return with(k -> k.ownNicks = nicks);
    }

    /** A copy with the knobs {@code change} sets (checked again by the canonical constructor). */
    private TakerConfig with(Consumer<Knobs> change) {
        Knobs k = new Knobs(this);
        change.accept(k);
        return k.config();
    }

    /** Every knob, mutable: what the withers change before building the copy. */
    private static final class Knobs {
        private final Network network;
        private final MiningFeePolicy miningFee;
        private final BigDecimal maxSweepFeeChange;
        private final LockTimePolicy lockTime;
        private final int maxMakerUtxos;
        private final Duration maxOfferAge;
        private SelectionPolicy selection;
        private int minimumMakers;
        private int maxReplacementAttempts;
        private PodleParams podle;
        private OptionalLong fixedFeeRate;
        private BroadcastPolicy broadcast;
        private Duration orderWaitTime;
        private Duration makerTimeout;
        private Duration broadcastTimeout;
        private Duration confirmationTimeout;
        private Set<Nick> ownNicks;
        private Duration orderbookQuiet;

        Knobs(TakerConfig c) {
            network = c.network;
            miningFee = c.miningFee;
            maxSweepFeeChange = c.maxSweepFeeChange;
            lockTime = c.lockTime;
            maxMakerUtxos = c.maxMakerUtxos;
            maxOfferAge = c.maxOfferAge;
            selection = c.selection;
            minimumMakers = c.minimumMakers;
            maxReplacementAttempts = c.maxReplacementAttempts;
            podle = c.podle;
            fixedFeeRate = c.fixedFeeRate;
            broadcast = c.broadcast;
            orderWaitTime = c.orderWaitTime;
            makerTimeout = c.makerTimeout;
            broadcastTimeout = c.broadcastTimeout;
            confirmationTimeout = c.confirmationTimeout;
            ownNicks = c.ownNicks;
            orderbookQuiet = c.orderbookQuiet;
        }

        TakerConfig config() {
            return new TakerConfig(network, selection, minimumMakers, maxReplacementAttempts, maxMakerUtxos, podle,
                    miningFee, fixedFeeRate, maxSweepFeeChange, broadcast, lockTime, orderWaitTime, makerTimeout,
                    broadcastTimeout, confirmationTimeout, maxOfferAge, ownNicks, orderbookQuiet);
        }
    }
}
