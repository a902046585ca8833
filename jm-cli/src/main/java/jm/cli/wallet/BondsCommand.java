package jm.cli.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import jm.chain.ChainBackend;
import jm.core.bond.BondValue;
import jm.wallet.Wallet;
import jm.wallet.bond.BondAddress;
import jm.wallet.coins.WalletCoin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jm wallet bonds}: the wallet's fidelity bonds as a taker values them, and their share of
 * bond-weighted picks in the orderbook an obwatch serves.
 */
@Command(name = "bonds", mixinStandardHelpOptions = true,
        description = {"List the wallet's fidelity bonds: UTXO, amount, locktime, confirmation time and current value.",
                "The value is what takers compute (PROTOCOL.md 10.4): confirmation time from the header of the"
                        + " confirming block, now = the chain's median time past, interest rate 0.015, exponent 1.3.",
                "With an orderbook reachable (an obwatch's /orderbook.json, by default the local 'jm obwatch'), also"
                        + " the share of bond-weighted picks each bond would get among the bonds there.",
                "Make a bond with 'jm wallet bond-address', spend it after its locktime with 'jm wallet spend-bond'."})
final class BondsCommand extends WalletSubcommand {
    /** The local {@code jm obwatch} (the reference watcher's port). */
    static final String DEFAULT_ORDERBOOK = "http://127.0.0.1:62601/orderbook.json";

    @Mixin
    SyncOptions sync;

    @Option(names = "--orderbook-url", paramLabel = "URL", defaultValue = DEFAULT_ORDERBOOK,
            description = "An obwatch's orderbook.json (reference schema: fidelitybonds[].bond_value; default: "
                    + "${DEFAULT-VALUE}).")
    String orderbookUrl;

    @Option(names = "--no-orderbook", description = "Do not look at an orderbook.")
    boolean noOrderbook;

    @Override
    Integer execute() throws IOException {
        Wallet w = open(sync.wallet);
        try (ChainBackend chain = connect(w, sync)) {
            w.sync(chain);
            long now = chain.tipMedianTime();
            Optional<BondBook> book = noOrderbook ? Optional.empty() : BondBook.fetch(orderbookUrl);
            ArrayNode rows = JSON.createArrayNode();
            for (Map.Entry<WalletCoin, BondAddress> e : w.bondCoins().entrySet()) {
                rows.add(row(e.getKey(), e.getValue(), chain, now, book));
            }
            if (json) {
                ObjectNode n = JSON.createObjectNode();
                n.put("medianTimePast", now);
                n.put("orderbook", book.isPresent() ? orderbookUrl : null);
                n.set("bonds", rows);
                printJson(n);
            } else {
                print(rows, now, book);
            }
        }
        return 0;
    }

    private static ObjectNode row(WalletCoin c, BondAddress b, ChainBackend chain, long now,
            Optional<BondBook> book) {
        ObjectNode n = JSON.createObjectNode();
        n.put("utxo", c.outpoint().toWire());
        n.put("amount", c.sats());
        n.put("address", b.address());
        n.put("path", b.pathText());
        n.put("locktime", b.locktime());
        n.put("lockDate", Instant.ofEpochSecond(b.locktime()).toString());
        n.put("expired", now > b.locktime());
        n.put("confirmations", c.confirmations());
        if (c.confirmations() > 0) {
            long confirmedAt = chain.confirmationTime(c.confirmations());
            double value = BondValue.value(c.sats(), confirmedAt, b.locktime(), now);
            n.put("confirmationTime", confirmedAt);
            n.put("value", value);
            book.ifPresent(k -> n.put("bondWeightedShare", k.shareOf(c.outpoint().toWire(), value)));
        } else {
            n.putNull("confirmationTime");
            n.put("value", 0.0);
        }
        return n;
    }

    private void print(ArrayNode rows, long now, Optional<BondBook> book) {
        var out = out();
        if (rows.isEmpty()) {
            out.println("No fidelity bond coins. Make a bond address with 'jm wallet bond-address --lock YYYY-MM' and"
                    + " send coins to it.");
            out.flush();
            return;
        }
        out.println("Fidelity bonds (median time past " + Instant.ofEpochSecond(now) + "):");
        for (JsonNode r : rows) {
            out.println("  " + r.get("utxo").asText());
            out.println("    amount        " + r.get("amount").asLong() + " sats (" + InfoCommand.btc(
                    r.get("amount").asLong()) + " BTC)");
            out.println("    locked until  " + r.get("lockDate").asText() + " (locktime " + r.get("locktime").asLong()
                    + ")" + (r.get("expired").asBoolean() ? ": EXPIRED, spend it with 'jm wallet spend-bond'" : ""));
            out.println("    confirmed     " + (r.get("confirmationTime").isNull() ? "not yet"
                    : Instant.ofEpochSecond(r.get("confirmationTime").asLong()) + " (" + r.get("confirmations")
                            .asInt() + " confirmations)"));
            out.println("    value         " + String.format(java.util.Locale.ROOT, "%.6g", r.get("value").asDouble()));
            if (r.has("bondWeightedShare")) {
                out.println("    orderbook     " + String.format(java.util.Locale.ROOT, "%.2f%%",
                        100 * r.get("bondWeightedShare").asDouble()) + " of bond-weighted picks");
            }
        }
        if (book.isEmpty() && !noOrderbook) {
            out.println("(no orderbook reachable at " + orderbookUrl + ": run 'jm obwatch' or give --orderbook-url)");
        }
        out.flush();
    }

    /**
     * The bonds of an orderbook: value per bond UTXO (a UTXO counts once, as takers count it).
     */
    record BondBook(Map<String, Double> values) {
        static final int MAX_BYTES = 16 << 20;

        /** Empty when nothing answers at {@code url} or it is not an orderbook. */
        static Optional<BondBook> fetch(String url) {
            try {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200 || r.body().length > MAX_BYTES) {
                    return Optional.empty();
                }
                return Optional.of(parse(JSON.readTree(r.body())));
            } catch (IOException | IllegalArgumentException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        static BondBook parse(JsonNode root) {
            Map<String, Double> values = new java.util.LinkedHashMap<>();
            for (JsonNode b : root.path("fidelitybonds")) {
                JsonNode u = b.path("utxo");
                double v = b.path("bond_value").asDouble(0);
                if (u.path("txid").isTextual() && v > 0 && Double.isFinite(v)) {
                    values.putIfAbsent(u.get("txid").asText() + ":" + u.path("vout").asInt(), v);
                }
            }
            return new BondBook(Map.copyOf(values));
        }

        /**
         * The share of bond-weighted picks a bond of {@code value} gets next to the other bonds
         * of the book (its own entry, if the book has it, replaced by {@code value}).
         */
        double shareOf(String utxo, double value) {
            double others = values.entrySet().stream().filter(e -> !e.getKey().equals(utxo))
                    .mapToDouble(Map.Entry::getValue).sum();
            return value > 0 ? value / (others + value) : 0;
        }
    }
}
