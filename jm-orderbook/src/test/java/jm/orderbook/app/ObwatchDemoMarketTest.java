package jm.orderbook.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jm.core.Network;
import jm.core.bond.BondValue;
import jm.core.offer.Offer;
import jm.demo.market.DemoConfig;
import jm.demo.market.DemoMaker;
import jm.demo.market.DemoMarket;
import jm.demo.market.MakerWalletHook;
import jm.net.channel.MessageChannelConfig;
import jm.net.transport.Endpoint;
import jm.orderbook.watch.WatchService;
import jm.wallet.bond.BondAddress;
import jm.wallet.coins.WalletCoin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher against the demo market in-process (embedded regtest node, local directory, three
 * makers, maker 1 with a fidelity bond): {@code /orderbook.json} lists every offer of every
 * maker and the bond with its value, the page lists the makers without JavaScript, the metrics
 * count them, and a maker that withdraws disappears. The browser test uses the same market.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class ObwatchDemoMarketTest {
    static final int MAKERS = 3;
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(60);

    DemoMarket market;
    Obwatch obwatch;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        market = DemoMarket.start(DemoConfig.of(dir, MAKERS), MakerWalletHook.NONE, line -> { });
        String[] hp = market.directoryHostPort().split(":");
        WatchService.Options options = new WatchService.Options(MessageChannelConfig.local(DemoMarket.ANNOUNCED,
                List.of(new Endpoint(hp[0], Integer.parseInt(hp[1])))), Network.REGTEST, Duration.ofSeconds(60));
        obwatch = Obwatch.start(options, new InetSocketAddress("127.0.0.1", 0), Optional.of(market.takerChain()),
                Clock.systemUTC());
        awaitJson("every maker's offers and the bond", j -> makersIn(j).size() == MAKERS
                && j.get("fidelitybonds").size() == 1);
    }

    @AfterAll
    void stop() {
        if (obwatch != null) {
            obwatch.close();
        }
        if (market != null) {
            market.close();
        }
    }

    static List<String> makersIn(JsonNode j) {
        List<String> out = new ArrayList<>();
        j.get("offers").forEach(o -> {
            if (!out.contains(o.get("counterparty").asText())) {
                out.add(o.get("counterparty").asText());
            }
        });
        return out;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(obwatch.url().resolve(path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/orderbook.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(r.body());
    }

    /** Polls the JSON until {@code condition} holds, failing after {@link #WAIT}. */
    JsonNode awaitJson(String what, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode j = json();
        while (!condition.test(j)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; last orderbook.json: " + j);
            }
            Thread.sleep(100); // polling interval of the await loop above
            j = json();
        }
        return j;
    }

    static JsonNode offer(JsonNode j, String maker, long oid) {
        for (JsonNode o : j.get("offers")) {
            if (o.get("counterparty").asText().equals(maker) && o.get("oid").asLong() == oid) {
                return o;
            }
        }
        throw new AssertionError("no offer " + oid + " of " + maker + " in " + j);
    }

    @Test
    @Order(1)
    void jsonListsEveryOfferOfEveryMakerWithTheReferenceFields() throws Exception {
        JsonNode j = json();
        int expected = 0;
        for (DemoMaker m : market.makers()) {
            for (Offer sent : m.bot().offers().offers()) {
                expected++;
                Offer seen = sent.asReceivedByTaker().orElseThrow();
                JsonNode o = offer(j, m.nick().value(), sent.oid());
                assertThat(o.get("ordertype").asText()).isEqualTo(sent.type().wireName());
                assertThat(o.get("minsize").isIntegralNumber()).isTrue();
                assertThat(o.get("minsize").asLong()).isEqualTo(seen.minSize().value());
                assertThat(o.get("maxsize").asLong()).isEqualTo(sent.maxSize().value());
                assertThat(o.get("txfee").asLong()).isEqualTo(sent.txFee().value());
                if (sent.type().isRelative()) {
                    assertThat(o.get("cjfee").isTextual()).as("relative cjfee is a decimal string").isTrue();
                    assertThat(new java.math.BigDecimal(o.get("cjfee").asText()))
                            .isEqualByComparingTo(sent.cjFeeDecimal());
                } else {
                    assertThat(o.get("cjfee").isIntegralNumber()).as("absolute cjfee is an integer").isTrue();
                    assertThat(o.get("cjfee").asLong()).isEqualTo(sent.cjFeeDecimal().longValueExact());
                }
                assertThat(o.get("directory_nodes")).extracting(JsonNode::asText)
                        .contains(market.directoryHostPort());
            }
        }
        assertThat(j.get("offers")).hasSize(expected);
        assertThat(j.get("directory_nodes")).extracting(JsonNode::asText).containsExactly(market.directoryHostPort());
        JsonNode stats = j.get("directory_stats").get(market.directoryHostPort());
        assertThat(stats.get("connected").asBoolean()).isTrue();
        assertThat(stats.get("offer_count").asInt()).isEqualTo(expected);
        assertThat(stats.get("maker_count").asInt()).isEqualTo(MAKERS);
    }

    @Test
    @Order(2)
    void jsonListsTheBondWithTheValueItsUtxoEarns() throws Exception {
        JsonNode j = json();
        DemoMaker bonded = market.makers().get(0);
        bonded.wallet().sync(bonded.chain());
        Map.Entry<WalletCoin, BondAddress> coin = bonded.wallet().bondCoins().entrySet().iterator().next();
        JsonNode b = j.get("fidelitybonds").get(0);
        assertThat(b.get("counterparty").asText()).isEqualTo(bonded.nick().value());
        assertThat(b.get("amount").asLong()).isEqualTo(DemoMarket.BOND_SATS).isEqualTo(coin.getKey().sats());
        assertThat(b.get("locktime").asLong()).isEqualTo(coin.getValue().locktime());
        assertThat(b.get("address").asText()).isEqualTo(coin.getValue().address());
        assertThat(b.get("utxo").get("txid").asText()).isEqualTo(coin.getKey().outpoint().txid().toString());
        assertThat(b.get("utxo").get("vout").asLong()).isEqualTo(coin.getKey().outpoint().vout());
        int confirmations = b.get("utxo_confirmations").asInt();
        assertThat(confirmations).isEqualTo(coin.getKey().confirmations());
        long now = market.takerChain().tipMedianTime();
        double expected = BondValue.value(DemoMarket.BOND_SATS, market.takerChain().confirmationTime(confirmations),
                coin.getValue().locktime(), now);
        assertThat(expected).isPositive();
        assertThat(b.get("bond_value").asDouble()).isCloseTo(expected, within(expected * 1e-9));
        for (DemoMaker m : market.makers()) {
            for (Offer sent : m.bot().offers().offers()) {
                double v = offer(j, m.nick().value(), sent.oid()).get("fidelity_bond_value").asDouble();
                assertThat(v).as("bond value on %s's offer", m.name()).isEqualTo(m == bonded ? expected : 0.0,
                        within(expected * 1e-9));
            }
        }
        assertThat(j.get("directory_stats").get(market.directoryHostPort()).get("bond_offer_count").asInt())
                .isEqualTo(1);
    }

    @Test
    @Order(3)
    void thePageListsEveryMakerAndSortsWithoutJavaScript() throws Exception {
        HttpResponse<String> r = get("/?sort=maker&order=desc");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).startsWith("default-src 'none'"));
        String html = r.body();
        List<String> rows = new ArrayList<>();
        Matcher m = Pattern.compile("<tr data-maker=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            rows.add(m.group(1));
        }
        List<String> nicks = market.makers().stream().map(x -> x.nick().value()).toList();
        assertThat(rows).containsAll(nicks);
        assertThat(rows).isSortedAccordingTo(java.util.Comparator.<String>reverseOrder());
        assertThat(html).contains("id=\"bond-" + market.makers().get(0).nick().value() + "\"");
        assertThat(html).doesNotContain("src=\"http", "href=\"http", "@import", "url(");
        assertThat(html).contains("<svg id=\"depth-chart\"", "<svg id=\"size-chart\"");
    }

    @Test
    @Order(4)
    void metricsCountOffersMakersBondsAndDirectories() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/plain; version=0.0.4"));
        int offers = market.makers().stream().mapToInt(x -> x.bot().offers().offers().size()).sum();
        String dir = market.directoryHostPort();
        assertThat(r.body().lines()).contains("jm_obwatch_offers " + offers, "jm_obwatch_makers " + MAKERS,
                "jm_obwatch_bonds 1", "jm_obwatch_bonded_sats_total " + DemoMarket.BOND_SATS,
                "jm_obwatch_directory_connected{directory=\"" + dir + "\"} 1",
                "jm_obwatch_directory_makers{directory=\"" + dir + "\"} " + MAKERS,
                "jm_obwatch_directory_bonds{directory=\"" + dir + "\"} 1");
    }

    @Test
    @Order(5)
    void theRefreshEndpointsAnswerLikeTheReference() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(obwatch.url().resolve("/refreshorderbook"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(303);
        assertThat(post.headers().firstValue("Location")).hasValue("/");
        HttpResponse<String> viaGet = get("/refreshorderbook");
        assertThat(viaGet.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(viaGet.body()).get("offers")).isNotEmpty();
        assertThat(get("/fidelitybonds").headers().firstValue("Location")).hasValue("/#bonds");
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
        HttpResponse<String> delete = http.send(HttpRequest.newBuilder(obwatch.url().resolve("/orderbook.json"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(405);
    }

    @Test
    @Order(6)
    void thePageWorksInARealBrowser() throws Exception {
        Path shot = Path.of("target", "obwatch-screenshot.png");
        BrowserCheck.run(obwatch.url(), market.makers().stream().map(x -> x.nick().value()).toList(),
                market.makers().get(0).nick().value(), shot);
        assertThat(Files.size(shot)).isPositive();
    }

    @Test
    @Order(100)
    void aMakerThatWithdrawsItsOffersDisappears() throws Exception {
        DemoMaker leaving = market.makers().get(MAKERS - 1);
        String nick = leaving.nick().value();
        leaving.bot().stop().get(30, java.util.concurrent.TimeUnit.SECONDS);
        JsonNode j = awaitJson(nick + "'s offers removed", x -> !makersIn(x).contains(nick));
        assertThat(makersIn(j)).hasSize(MAKERS - 1);
        assertThat(j.get("fidelitybonds")).hasSize(1);
    }
}
