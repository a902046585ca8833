package jm.cli.maker;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import jm.cli.common.ConfigException;
import jm.cli.common.JmConfig;
import jm.cli.common.TorSettings;
import jm.core.offer.OfferType;
import jm.maker.bot.MakerSettings;
import jm.maker.offer.OfferConfig;
import jm.wallet.coins.MergeAlgorithm;

/**
 * Reads the {@code [maker]} section (NG key names; the reference's {@code ordertype}, {@code cjfee_r},
 * {@code cjfee_a}, {@code txfee_contribution}, {@code minsize} are read as aliases) with flags taking
 * precedence over environment ({@code MAKER__<KEY>}) over the file over defaults. Every value is
 * validated here; a bad value names its key.
 */
public final class MakerSettingsReader {
    public static final String SECTION = "maker";

    /** Flags of {@code jm maker start} that override config keys (null = not given). */
    public record Flags(String ordertype, String cjfeeR, Long cjfeeA, Long txfeeContribution, Long minsize, Boolean dualOffers,
                 String mergeAlgorithm, Integer takerUtxoAge, Integer takerUtxoAmtpercent, Integer takerUtxoRetries) {
        public static Flags none() {
            return new Flags(null, null, null, null, null, null, null, null, null, null);
        }
    }

    private MakerSettingsReader() {
    }

    /**
     * Where to serve direct connections: {@code [maker] onion_serving_host} and
     * {@code onion_serving_port} (the onion service target in Tor mode), or {@code listenFlag}
     * ({@code HOST:PORT}) if given.
     */
    public static InetSocketAddress serving(JmConfig c, String listenFlag) {
        if (listenFlag != null) {
            return TorSettings.hostPort("--listen", listenFlag);
        }
        String host = c.host(SECTION, "onion_serving_host", null, "127.0.0.1");
        int port = c.intValue(SECTION, "onion_serving_port", null, 0, 0, 65_535);
        return new InetSocketAddress(host, port);
    }

    public static MakerSettings read(JmConfig c, Flags f, String network) {
        String ordertype = c.string(SECTION, "offer_type", f.ordertype(), "sw0reloffer").trim().toLowerCase(Locale.ROOT);
        OfferType type = switch (ordertype) {
            case "sw0reloffer", "reloffer" -> OfferType.SW0RELOFFER;
            case "sw0absoffer", "absoffer" -> OfferType.SW0ABSOFFER;
            default -> throw c.invalid(SECTION, "offer_type", f.ordertype(), "is not one of sw0reloffer, sw0absoffer");
        };
        BigDecimal cjfeeR = c.decimal(SECTION, "cj_fee_relative", f.cjfeeR(), "0.00002", BigDecimal.ZERO,
                new BigDecimal("0.999999"));
        long cjfeeA = c.longValue(SECTION, "cj_fee_absolute", f.cjfeeA(), 500, 0, 100_000_000);
        long txfee = c.longValue(SECTION, "tx_fee_contribution", f.txfeeContribution(), 0, 0, 100_000_000);
        long minsize = c.longValue(SECTION, "min_size", f.minsize(), 100_000, 0, 2_100_000_000_000_000L);
        boolean dual = c.bool(SECTION, "dual_offers", f.dualOffers(), false);
        BigDecimal cjfeeFactor = c.decimal(SECTION, "cjfee_factor", null, "0", BigDecimal.ZERO, new BigDecimal("0.99"));
        BigDecimal txfeeFactor = c.decimal(SECTION, "txfee_contribution_factor", null, "0", BigDecimal.ZERO,
                new BigDecimal("0.99"));
        BigDecimal sizeFactor = c.decimal(SECTION, "size_factor", null, "0", BigDecimal.ZERO, new BigDecimal("0.99"));
        int age = c.intValue(SECTION, "taker_utxo_age", f.takerUtxoAge(), 5, 0, 1_000_000);
        int pct = c.intValue(SECTION, "taker_utxo_amtpercent", f.takerUtxoAmtpercent(), 20, 0, 100);
        int retries = c.intValue(SECTION, "taker_utxo_retries", f.takerUtxoRetries(), 3, 1, 256);
        long sessionTimeout = c.longValue(SECTION, "session_timeout_sec", null, 300, 10, 86_400);
        long reannounce = c.longValue(SECTION, "offer_reannounce_delay_max", null, 600, 0, 86_400);
        boolean acceptHp2 = c.bool(SECTION, "accept_commitment_broadcasts", null, true);
        OfferConfig offers;
        try {
            offers = new OfferConfig(type, cjfeeR, cjfeeA, txfee, minsize, dual, cjfeeFactor, txfeeFactor, sizeFactor);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("maker: " + e.getMessage());
        }
        return new MakerSettings(offers, age, pct, retries, Duration.ofSeconds(sessionTimeout),
                Duration.ofMinutes(65), Duration.ofSeconds(reannounce), network, acceptHp2);
    }

    public static MergeAlgorithm mergeAlgorithm(JmConfig c, Flags f) {
        String s = c.string(SECTION, "merge_algorithm", f.mergeAlgorithm(), "default");
        Optional<MergeAlgorithm> m = MergeAlgorithm.parse(s);
        return m.orElseThrow(() -> c.invalid(SECTION, "merge_algorithm", f.mergeAlgorithm(),
                "is not one of default, gradual, greedy, greediest, random"));
    }
}
