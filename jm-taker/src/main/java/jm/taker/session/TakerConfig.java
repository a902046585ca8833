package jm.taker.session;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
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

    /** With the default orderbook quiet period. */
    public TakerConfig(Network network, SelectionPolicy selection, int minimumMakers, int maxReplacementAttempts,
            int maxMakerUtxos, PodleParams podle, MiningFeePolicy miningFee, OptionalLong fixedFeeRate,
            BigDecimal maxSweepFeeChange, BroadcastPolicy broadcast, LockTimePolicy lockTime, Duration orderWaitTime,
            Duration makerTimeout, Duration broadcastTimeout, Duration confirmationTimeout, Duration maxOfferAge,
            Set<Nick> ownNicks) {
        this(network, selection, minimumMakers, maxReplacementAttempts, maxMakerUtxos, podle, miningFee, fixedFeeRate,
                maxSweepFeeChange, broadcast, lockTime, orderWaitTime, makerTimeout, broadcastTimeout,
                confirmationTimeout, maxOfferAge, ownNicks, DEFAULT_ORDERBOOK_QUIET);
    }

    /** Without own nicks to exclude. */
    public TakerConfig(Network network, SelectionPolicy selection, int minimumMakers, int maxReplacementAttempts,
            int maxMakerUtxos, PodleParams podle, MiningFeePolicy miningFee, OptionalLong fixedFeeRate,
            BigDecimal maxSweepFeeChange, BroadcastPolicy broadcast, LockTimePolicy lockTime, Duration orderWaitTime,
            Duration makerTimeout, Duration broadcastTimeout, Duration confirmationTimeout, Duration maxOfferAge) {
        this(network, selection, minimumMakers, maxReplacementAttempts, maxMakerUtxos, podle, miningFee, fixedFeeRate,
                maxSweepFeeChange, broadcast, lockTime, orderWaitTime, makerTimeout, broadcastTimeout,
                confirmationTimeout, maxOfferAge, Set.of());
    }

    /** NG-like defaults for a chain. */
    public static TakerConfig defaults(Network network) {
        return new TakerConfig(network, SelectionPolicy.DEFAULT, 4, 3, IoAuthVerifier.DEFAULT_MAX_MAKER_UTXOS,
                PodleParams.DEFAULT, MiningFeePolicy.DEFAULT, OptionalLong.empty(), new BigDecimal("0.8"),
                BroadcastPolicy.RANDOM_PEER, LockTimePolicy.ANTI_FEE_SNIPING, Duration.ofSeconds(30),
                Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMinutes(30), Duration.ofMinutes(30));
    }

    public TakerConfig withSelection(SelectionPolicy s) {
        return new TakerConfig(network, s, minimumMakers, maxReplacementAttempts, maxMakerUtxos, podle, miningFee,
                fixedFeeRate, maxSweepFeeChange, broadcast, lockTime, orderWaitTime, makerTimeout, broadcastTimeout,
                confirmationTimeout, maxOfferAge, ownNicks, orderbookQuiet);
    }

    public TakerConfig withMinimumMakers(int n) {
        return new TakerConfig(network, selection, n, maxReplacementAttempts, maxMakerUtxos, podle, miningFee,
                fixedFeeRate, maxSweepFeeChange, broadcast, lockTime, orderWaitTime, makerTimeout, broadcastTimeout,
                confirmationTimeout, maxOfferAge, ownNicks, orderbookQuiet);
    }

    public TakerConfig withMaxReplacementAttempts(int n) {
        return new TakerConfig(network, selection, minimumMakers, n, maxMakerUtxos, podle, miningFee,
                fixedFeeRate, maxSweepFeeChange, broadcast, lockTime, orderWaitTime, makerTimeout, broadcastTimeout,
                confirmationTimeout, maxOfferAge, ownNicks, orderbookQuiet);
    }

    public TakerConfig withPodle(PodleParams p) {
        return new TakerConfig(network, selection, minimumMakers, maxReplacementAttempts, maxMakerUtxos, p, miningFee,
                fixedFeeRate, maxSweepFeeChange, broadcast, lockTime, orderWaitTime, makerTimeout, broadcastTimeout,
                confirmationTimeout, maxOfferAge, ownNicks, orderbookQuiet);
    }

    public TakerConfig withFixedFeeRate(long satPerKvb) {
        return new TakerConfig(network, selection, minimumMakers, maxReplacementAttempts, maxMakerUtxos, podle,
                miningFee, OptionalLong.of(satPerKvb), maxSweepFeeChange, broadcast, lockTime, orderWaitTime,
                makerTimeout, broadcastTimeout, confirmationTimeout, maxOfferAge, ownNicks, orderbookQuiet);
    }

    public TakerConfig withBroadcast(BroadcastPolicy b) {
        return new TakerConfig(network, selection, minimumMakers, maxReplacementAttempts, maxMakerUtxos, podle,
                miningFee, fixedFeeRate, maxSweepFeeChange, b, lockTime, orderWaitTime, makerTimeout,
                broadcastTimeout, confirmationTimeout, maxOfferAge, ownNicks, orderbookQuiet);
    }

    public TakerConfig withTimeouts(Duration orderWait, Duration maker, Duration broadcastT, Duration confirmation) {
        return new TakerConfig(network, selection, minimumMakers, maxReplacementAttempts, maxMakerUtxos, podle,
                miningFee, fixedFeeRate, maxSweepFeeChange, broadcast, lockTime, orderWait, maker, broadcastT,
                confirmation, maxOfferAge, ownNicks, orderbookQuiet);
    }

    /** The same knobs with another orderbook quiet period. */
    public TakerConfig withOrderbookQuiet(Duration quiet) {
        return new TakerConfig(network, selection, minimumMakers, maxReplacementAttempts, maxMakerUtxos, podle,
                miningFee, fixedFeeRate, maxSweepFeeChange, broadcast, lockTime, orderWaitTime, makerTimeout,
                broadcastTimeout, confirmationTimeout, maxOfferAge, ownNicks, quiet);
    }

    /** The same knobs, never selecting {@code nicks} (our own makers). */
    public TakerConfig withOwnNicks(Set<Nick> nicks) {
        return new TakerConfig(network, selection, minimumMakers, maxReplacementAttempts, maxMakerUtxos, podle,
                miningFee, fixedFeeRate, maxSweepFeeChange, broadcast, lockTime, orderWaitTime, makerTimeout,
                broadcastTimeout, confirmationTimeout, maxOfferAge, nicks, orderbookQuiet);
    }
}
