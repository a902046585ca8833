package jm.cli.taker;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import jm.cli.common.JmConfig;
import jm.core.Network;
import jm.core.Sats;
import jm.taker.broadcast.BroadcastPolicy;
import jm.taker.fee.MiningFeePolicy;
import jm.taker.podle.PodleParams;
import jm.taker.selection.FeeLimits;
import jm.taker.selection.SelectionAlgorithm;
import jm.taker.selection.SelectionPolicy;
import jm.taker.session.TakerConfig;
import jm.taker.tx.LockTimePolicy;

/**
 * The {@code [taker]} section of config.toml (keys named as JoinMarket NG names them), with
 * environment overrides ({@code TAKER__MAX_CJ_FEE_ABS=...}), turned into a {@link TakerConfig}.
 * Every key is validated and named in the error.
 */
public final class TakerSettings {
    static final String SECTION = "taker";

    /** Every key this section understands. */
    public static final List<String> KEYS = List.of("max_cj_fee_abs", "max_cj_fee_rel", "max_cj_fee_rule",
            "minimum_makers", "max_maker_replacement_attempts", "max_maker_utxos", "taker_utxo_age",
            "taker_utxo_amtpercent", "taker_utxo_retries", "order_wait_time", "maker_timeout_sec", "tx_fees",
            "tx_fee_factor", "absurd_fee_per_kb", "max_sweep_fee_change", "tx_broadcast", "order_choose_fn",
            "bondless_makers_allowance", "bondless_require_zero_fee", "counterparty_count",
            "locktime", "broadcast_timeout_sec", "confirmation_timeout_sec");

    private TakerSettings() {
    }

    /** Reads the section over NG-like defaults. */
    public static TakerConfig read(JmConfig c, Network network) {
        TakerConfig d = TakerConfig.defaults(network);
        Sats maxAbs = Sats.of(c.longValue(SECTION, "max_cj_fee_abs", null, d.selection().feeLimits().maxAbs().value(),
                0, Sats.MAX_MONEY));
        BigDecimal maxRel = c.decimal(SECTION, "max_cj_fee_rel", null, d.selection().feeLimits().maxRel().toPlainString(),
                BigDecimal.ZERO, new BigDecimal("0.999999"));
        String ruleName = c.choice(SECTION, "max_cj_fee_rule", null, "per_offer_type",
                List.of("per_offer_type", "both_exceeded"));
        FeeLimits.Rule rule = ruleName.equals("both_exceeded") ? FeeLimits.Rule.BOTH_EXCEEDED
                : FeeLimits.Rule.PER_OFFER_TYPE;
        String algoName = c.string(SECTION, "order_choose_fn", null, "fidelity_bond_weighted");
        SelectionAlgorithm algo = SelectionAlgorithm.fromConfigName(algoName).orElseThrow(() -> c.invalid(SECTION,
                "order_choose_fn", null, "is not one of fidelity_bond_weighted, cheapest, weighted, random"));
        BigDecimal allowance = c.decimal(SECTION, "bondless_makers_allowance", null, "0.2", BigDecimal.ZERO,
                BigDecimal.ONE);
        boolean zeroFee = c.bool(SECTION, "bondless_require_zero_fee", null, true);
        SelectionPolicy sel = new SelectionPolicy(algo, new FeeLimits(maxAbs, maxRel, rule), allowance.doubleValue(),
                zeroFee);
        int minimumMakers = c.intValue(SECTION, "minimum_makers", null, d.minimumMakers(), 1, 50);
        int replacements = c.intValue(SECTION, "max_maker_replacement_attempts", null, d.maxReplacementAttempts(), 0, 20);
        int maxUtxos = c.intValue(SECTION, "max_maker_utxos", null, d.maxMakerUtxos(), 1, 100);
        PodleParams podle = new PodleParams(
                c.intValue(SECTION, "taker_utxo_age", null, d.podle().minConfirmations(), 0, 10_000),
                c.intValue(SECTION, "taker_utxo_amtpercent", null, d.podle().amountPercent(), 0, 100),
                c.intValue(SECTION, "taker_utxo_retries", null, d.podle().tries(), 1, 256));
        // reference: tx_fees below 1000 is a block target, 1000 and above a rate in sat/kvB;
        // NG's fee_rate (sat/vB) or fee_block_target, if set, replace it
        long txFees = c.longValue(SECTION, "tx_fees", null, 3, 1, 100_000_000);
        boolean rateSet = c.isSet(SECTION, "fee_rate");
        boolean targetSet = c.isSet(SECTION, "fee_block_target");
        if (rateSet && targetSet) {
            throw c.invalid(SECTION, "fee_block_target", null, "cannot be set together with fee_rate: set one");
        }
        BigDecimal factor = c.decimal(SECTION, "tx_fee_factor", null, "0.2", BigDecimal.ZERO, BigDecimal.ONE);
        long absurd = c.longValue(SECTION, "absurd_fee_per_kb", null, 350_000, 1_000, 100_000_000);
        int target = targetSet ? c.intValue(SECTION, "fee_block_target", null, 3, 1, 1008)
                : txFees < 1000 ? (int) Math.min(txFees, 1008) : 3;
        MiningFeePolicy fee = new MiningFeePolicy(target, factor, 1_000, absurd);
        OptionalLong fixed;
        if (rateSet) {
            BigDecimal satPerVb = c.decimal(SECTION, "fee_rate", null, "1", new BigDecimal("0.001"),
                    new BigDecimal("10000"));
            fixed = OptionalLong.of(satPerVb.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING)
                    .longValueExact());
        } else {
            fixed = !targetSet && txFees >= 1000 ? OptionalLong.of(txFees) : OptionalLong.empty();
        }
        BigDecimal sweepChange = c.decimal(SECTION, "max_sweep_fee_change", null, "0.8", BigDecimal.ZERO,
                new BigDecimal("100"));
        String bc = c.string(SECTION, "tx_broadcast", null, "random-peer");
        BroadcastPolicy broadcast = BroadcastPolicy.fromConfigName(bc).orElseThrow(() -> c.invalid(SECTION,
                "tx_broadcast", null, "is not one of self, random-peer, multiple-peers, not-self"));
        String lt = c.choice(SECTION, "locktime", null, "anti_fee_sniping", List.of("anti_fee_sniping", "zero"));
        LockTimePolicy lock = lt.equals("zero") ? LockTimePolicy.ZERO : LockTimePolicy.ANTI_FEE_SNIPING;
        Duration orderWait = Duration.ofSeconds(c.longValue(SECTION, "order_wait_time", null, 30, 1, 3_600));
        Duration makerTimeout = Duration.ofSeconds(c.longValue(SECTION, "maker_timeout_sec", null, 60, 1, 3_600));
        Duration broadcastTimeout = Duration.ofSeconds(c.longValue(SECTION, "broadcast_timeout_sec", null, 60, 1, 3_600));
        Duration confirmation = Duration.ofSeconds(c.longValue(SECTION, "confirmation_timeout_sec", null, 1_800, 0,
                86_400));
        return new TakerConfig(network, sel, minimumMakers, replacements, maxUtxos, podle, fee, fixed, sweepChange,
                broadcast, lock, orderWait, makerTimeout, broadcastTimeout, confirmation, d.maxOfferAge());
    }

    /** {@code counterparty_count}: empty = random 8..10. */
    public static java.util.OptionalInt counterparties(JmConfig c, Integer flag) {
        if (flag == null && !c.isSet(SECTION, "counterparty_count")) {
            return java.util.OptionalInt.empty();
        }
        return java.util.OptionalInt.of(c.intValue(SECTION, "counterparty_count", flag, 9, 1, 50));
    }

    /**
     * The taker client's connection: the directories and Tor proxy already read, the network name
     * announced for {@code network} ([network]), direct connections to chosen makers, our own
     * nicks kept in the data directory (self-CoinJoin guard), {@code notices} for the user.
     */
    public static jm.taker.client.TakerClient.Settings client(JmConfig config, Network network,
            List<jm.net.transport.Endpoint> dirs, java.util.Optional<jm.net.transport.SocksProxy> socks,
            java.nio.file.Path dataDir, Duration directoryWait, java.util.function.Consumer<String> notices) {
        String announced = jm.cli.common.NetworkSettings.read(config, null, null).announcedFor(network);
        jm.net.channel.MessageChannelConfig mcc = jm.cli.common.NetworkSettings.channel(announced, dirs, socks);
        return jm.taker.client.TakerClient.Settings.of(mcc).withDirectoryWait(directoryWait)
                .withOwnNicks(jm.taker.session.OwnNicks.inDataDir(dataDir)).withNotices(notices);
    }

    /** The wallet's never-reuse PoDLE commitment file, {@code <data dir>/taker/used-commitments-<wallet>.txt}. */
    public static jm.taker.podle.FileUsedCommitmentStore usedCommitments(java.nio.file.Path dataDir, String wallet) {
        try {
            return jm.taker.podle.FileUsedCommitmentStore.open(dataDir.resolve("taker").resolve("used-commitments-"
                    + wallet + ".txt"));
        } catch (java.io.IOException e) {
            throw new jm.cli.common.ConfigException("cannot open the used-commitments file: " + e.getMessage());
        }
    }
}
