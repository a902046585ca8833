package jm.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jm.chain.rpc.BitcoinCoreBackend;
import jm.chain.rpc.RpcAuth;
import jm.chain.rpc.RpcConfig;
import jm.core.Network;
import jm.core.Sats;
import jm.core.testing.MutableClock;
import jm.demo.market.CoinJoinRun;
import jm.demo.market.DemoConfig;
import jm.demo.market.DemoMarket;
import jm.demo.market.MakerWalletHook;
import jm.demo.market.Route;
import jm.maker.bot.MakerSettings;
import jm.net.channel.DirectServing;
import jm.net.channel.MessageChannelConfig;
import jm.net.transport.Endpoint;
import jm.taker.client.TakerClient;
import jm.taker.session.CoinJoinRequest;
import jm.wallet.coins.MergeAlgorithm;
import jm.wallet.store.KdfParams;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.base.BitcoinNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole Jam session over real HTTPS and WebSocket on loopback, against the demo market (an
 * embedded regtest node, a directory, two makers and a taker wallet in this JVM): create, unlock,
 * display, new address, funding seen on the WebSocket, direct-send, freeze, maker start/stop with
 * the CoinJoin state on the WebSocket and a taker's CoinJoin reaching our maker, token refresh and
 * expiry, lock invalidating tokens, and the error answers on the way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaemonLifecycleTest {
    static final String PW = "correct horse";
    /** As Jam sends it: every number a string. */
    static final String MAKER_START = "{\"txfee\":\"0\",\"cjfee_a\":\"500\",\"cjfee_r\":\"0.0001\","
            + "\"ordertype\":\"sw0reloffer\",\"minsize\":\"100000\"}";
    @TempDir
    static Path root;
    static DemoMarket market;
    static DaemonServer server;
    static DaemonClient client;
    static MutableClock clock = MutableClock.systemPlusAdvances();
    static String token;
    static String refresh;
    static String seed;
    static DaemonClient.Socket socket;
    /** On the separate WebSocket port at "/", as Jam's proxy connects. */
    static DaemonClient.Socket jamSocket;
    /** jam1's address at m/84'/1'/0'/0/0, for the recovered wallet to match. */
    static String firstAddress;

    @BeforeAll
    static void start() throws Exception {
        market = DemoMarket.start(DemoConfig.of(root.resolve("market"), 2), MakerWalletHook.NONE, s -> { });
        Path dataDir = market.root();
        String[] hp = market.directoryHostPort().split(":");
        DaemonContext ctx = new DaemonContext(dataDir, Network.REGTEST, KdfParams.TESTING, 20,
                walletName -> new BitcoinCoreBackend(new RpcConfig(market.rpcUrl(),
                        new RpcAuth.CookieFile(market.cookieFile()), DemoMarket.rpcWalletName(walletName),
                        Duration.ofSeconds(30))),
                walletName -> new DaemonContext.MakerPlan(MessageChannelConfig.local(DemoMarket.ANNOUNCED,
                        List.of(new Endpoint(hp[0], Integer.parseInt(hp[1])))),
                        new DirectServing.Local(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1"),
                        MakerSettings.defaults(DemoMarket.ANNOUNCED).withReannounceDelayMax(Duration.ZERO),
                        MergeAlgorithm.DEFAULT, dataDir.resolve("makers").resolve(walletName)),
                walletName -> new DaemonContext.TakerPlan(TakerClient.Settings.of(market.takerChannelConfig()),
                        market.takerConfig().withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(20),
                                Duration.ofSeconds(20), Duration.ZERO),
                        dataDir.resolve("taker").resolve("used-commitments-" + walletName + ".txt")),
                Optional.empty(), Map.of("POLICY", Map.of("tx_fees", "3000", "minimum_makers", "1")));
        server = DaemonServer.start(new InetSocketAddress("127.0.0.1", 0),
                Optional.of(new InetSocketAddress("127.0.0.1", 0)), Optional.of(TlsFiles.serverContext(dataDir, new SecureRandom())),
                notifier -> new WalletDaemon(ctx, clock, new SecureRandom(), notifier, Duration.ofMillis(300)));
        client = new DaemonClient(server, dataDir, true);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (market != null) {
            market.close();
        }
    }

    static String w(String rest) {
        return "/api/v1/wallet/jam1.jmdat" + rest;
    }

    @Test
    @Order(1)
    void certificateKeyIsPrivateAndGetinfoNeedsNoToken() throws Exception {
        assertThat(Files.getPosixFilePermissions(TlsFiles.keyFile(market.root())))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        var r = client.get("/api/v1/getinfo", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("version").asText()).isEqualTo(WalletDaemon.API_VERSION);
        var s = client.get("/api/v1/session", null);
        assertThat(s.body().get("session").asBoolean()).isFalse();
        assertThat(s.body().get("wallet_name").asText()).isEqualTo("None");
        assertThat(client.get("/api/v1/wallet/all", null).body().get("wallets").toString())
                .contains("maker1.jmdat", "taker.jmdat");
        assertThat(client.get("/openapi.json", null).body().path("paths").has("/api/v1/wallet/{walletname}/display"))
                .isTrue();
    }

    @Test
    @Order(2)
    void createAnswersTokensAndSeedAndRefusesASecondWallet() throws Exception {
        var bad = client.post("/api/v1/wallet/create", null, "{not json");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.message()).isEqualTo("Invalid request format.");
        var traversal = client.post("/api/v1/wallet/create", null,
                "{\"walletname\":\"../evil.jmdat\",\"password\":\"x\",\"wallettype\":\"sw-fb\"}");
        assertThat(traversal.status()).isEqualTo(400);
        var r = client.post("/api/v1/wallet/create", null,
                "{\"walletname\":\"jam1.jmdat\",\"password\":\"" + PW + "\",\"wallettype\":\"sw-fb\"}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().get("walletname").asText()).isEqualTo("jam1.jmdat");
        assertThat(r.body().get("token_type").asText()).isEqualTo("bearer");
        assertThat(r.body().get("expires_in").asInt()).isEqualTo(1800);
        assertThat(r.body().get("scope").asText()).startsWith("walletrpc ");
        seed = r.body().get("seedphrase").asText();
        assertThat(seed.split(" ")).hasSize(12);
        token = r.body().get("token").asText();
        refresh = r.body().get("refresh_token").asText();
        var again = client.post("/api/v1/wallet/create", null,
                "{\"walletname\":\"jam2.jmdat\",\"password\":\"" + PW + "\",\"wallettype\":\"sw-fb\"}");
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.message()).isEqualTo("Wallet already unlocked.");
        assertThat(Files.exists(market.root().resolve("wallets").resolve("jam2.jmw"))).isFalse();
    }

    @Test
    @Order(3)
    void tokensAreChecked() throws Exception {
        assertThat(client.get(w("/display"), null).status()).isEqualTo(401);
        var bad = client.get(w("/display"), token + "x");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.raw().headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
        assertThat(client.get("/api/v1/session", "garbage").status()).isEqualTo(401);
        assertThat(client.get("/api/v1/wallet/other.jmdat/display", token).status()).isEqualTo(400);
        DaemonClient.Socket intruder = client.socket(server.wsPort(), "/");
        intruder.ws.sendText("not-a-token", true).get();
        assertThat(intruder.closed).succeedsWithin(Duration.ofSeconds(20));
        var s = client.get("/api/v1/session", token).body();
        assertThat(s.get("session").asBoolean()).isTrue();
        assertThat(s.get("wallet_name").asText()).isEqualTo("jam1.jmdat");
    }

    @Test
    @Order(4)
    void displayNewAddressFundingAndUtxos() throws Exception {
        socket = client.socket("/jmws");
        socket.ws.sendText(token, true).get();
        jamSocket = client.socket(server.wsPort(), "/");
        jamSocket.ws.sendText(token, true).get();
        var d = client.get(w("/display"), token);
        assertThat(d.status()).isEqualTo(200);
        JsonNode info = d.body().get("walletinfo");
        assertThat(info.get("total_balance").asText()).isEqualTo("0.00000000");
        assertThat(info.get("accounts")).hasSize(5);
        assertThat(info.get("accounts").get(0).get("branches").get(0).get("branch").asText())
                .startsWith("external addresses\tm/84'/1'/0'/0\t");
        var a = client.get(w("/address/new/0"), token);
        assertThat(a.status()).isEqualTo(200);
        String address = a.body().get("address").asText();
        assertThat(address).startsWith("bcrt1");
        assertThat(client.get(w("/address/new/x"), token).status()).isEqualTo(400);
        assertThat(client.get(w("/address/new/9"), token).status()).isEqualTo(400);
        var noCoins = client.post(w("/maker/start"), token, MAKER_START);
        assertThat(noCoins.status()).isEqualTo(409);
        assertThat(noCoins.message()).isEqualTo("Maker could not start, no confirmed coins.");
        var funding = market.node().fund(AddressParser.getDefault(BitcoinNetwork.REGTEST).parseAddress(address),
                Sats.of(5_000_000));
        market.mine(1);
        JsonNode n = socket.await(m -> m.has("txid"), Duration.ofSeconds(60));
        assertThat(n.get("txid").asText()).isEqualTo(funding.toString());
        assertThat(n.get("txdetails").get("outputs").toString()).contains(address);
        var u = client.get(w("/utxos"), token);
        assertThat(u.body().get("utxos")).hasSize(1);
        JsonNode coin = u.body().get("utxos").get(0);
        assertThat(coin.get("value").asLong()).isEqualTo(5_000_000);
        assertThat(coin.get("mixdepth").asInt()).isZero();
        assertThat(coin.get("external").asBoolean()).isTrue();
        assertThat(coin.get("utxo").asText()).startsWith(funding.toString() + ":");
        assertThat(client.get(w("/display"), token).body().get("walletinfo").get("total_balance").asText())
                .isEqualTo("0.05000000");
    }

    @Test
    @Order(5)
    void directSendBroadcastsAndFreezeHoldsACoin() throws Exception {
        String dest = market.takerWallet().deriveAddress(4, jm.wallet.keys.Branch.EXTERNAL, 90).address();
        var r = client.post(w("/taker/direct-send"), token,
                "{\"mixdepth\":0,\"amount_sats\":1000000,\"destination\":\"" + dest + "\"}");
        assertThat(r.status()).isEqualTo(200);
        JsonNode tx = r.body().get("txinfo");
        assertThat(tx.get("outputs").toString()).contains(dest).contains("1000000");
        var tooMuch = client.post(w("/taker/direct-send"), token,
                "{\"mixdepth\":1,\"amount_sats\":1000000,\"destination\":\"" + dest + "\"}");
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.message()).isEqualTo("Transaction failed.");
        market.mine(1);
        socket.await(m -> m.path("txid").asText().equals(tx.get("txid").asText()), Duration.ofSeconds(5));
        // the change, once a re-sync saw the send (until then the spent funding coin is still listed)
        String utxo = awaitUtxos(u -> u.size() == 1 && u.get(0).get("utxo").asText()
                .startsWith(tx.get("txid").asText() + ":")).get(0).get("utxo").asText();
        assertThat(client.post(w("/freeze"), token, "{\"utxo-string\":\"" + utxo + "\",\"freeze\":true}").status())
                .isEqualTo(200);
        assertThat(client.get(w("/utxos"), token).body().get("utxos").get(0).get("frozen").asBoolean()).isTrue();
        assertThat(client.post(w("/freeze"), token, "{\"utxo-string\":\"nonsense\",\"freeze\":true}").status())
                .isEqualTo(400);
        client.post(w("/freeze"), token, "{\"utxo-string\":\"" + utxo + "\",\"freeze\":false}");
    }

    static JsonNode awaitUtxos(java.util.function.Predicate<JsonNode> done) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode u;
        while (!done.test(u = client.get(w("/utxos"), token).body().get("utxos"))) {
            assertThat(System.nanoTime()).as("utxos " + u).isLessThan(end);
            Thread.onSpinWait();
        }
        return u;
    }

    @Test
    @Order(6)
    void makerStartsTakesPartInACoinJoinAndStops() throws Exception {
        var bad = client.post(w("/maker/start"), token, "{\"txfee\":\"0\"}");
        assertThat(bad.status()).isEqualTo(400);
        var r = client.post(w("/maker/start"), token, MAKER_START);
        assertThat(r.status()).isEqualTo(202);
        assertThat(socket.await(m -> m.has("coinjoin_state"), Duration.ofSeconds(10)).get("coinjoin_state").asInt())
                .isEqualTo(1);
        assertThat(jamSocket.await(m -> m.has("coinjoin_state"), Duration.ofSeconds(10)).get("coinjoin_state").asInt())
                .isEqualTo(1);
        var twice = client.post(w("/maker/start"), token, MAKER_START);
        assertThat(twice.status()).isEqualTo(401);
        // coins are not frozen under a running maker (as the reference: 400 "Action not allowed")
        String coin = client.get(w("/utxos"), token).body().get("utxos").get(0).get("utxo").asText();
        var frozen = client.post(w("/freeze"), token, "{\"utxo-string\":\"" + coin + "\",\"freeze\":true}");
        assertThat(frozen.status()).isEqualTo(400);
        assertThat(frozen.message()).isEqualTo("Action not allowed");
        assertThat(client.get(w("/utxos"), token).body().get("utxos").get(0).get("frozen").asBoolean()).isFalse();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode s;
        do {
            s = client.get("/api/v1/session", token).body();
        } while (!s.get("offer_list").isArray() && System.nanoTime() < end);
        assertThat(s.get("maker_running").asBoolean()).isTrue();
        assertThat(s.get("offer_list").get(0).get("ordertype").asText()).isEqualTo("sw0reloffer");
        String nick = s.get("nickname").asText();
        server.daemon().maker().orElseThrow().channel().awaitDirectory().get(60, java.util.concurrent.TimeUnit.SECONDS);

        CoinJoinRun run = market.coinJoin(Route.DIRECT,
                new CoinJoinRequest(Sats.of(1_000_000), 0, Optional.empty(), OptionalInt.of(3)),
                market.takerConfig(), (p, m) -> { });
        assertThat(run.report().success()).as(run.report().failure().orElse("")).isTrue();
        assertThat(run.report().makerFees().keySet().stream().map(Object::toString)).contains(nick);
        var report = client.get("/api/v1/wallet/yieldgen/report", null);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body().get("yigen_data").toString()).contains(run.report().txid().orElseThrow().toString());

        assertThat(client.get(w("/maker/stop"), token).status()).isEqualTo(202);
        assertThat(socket.await(m -> m.has("coinjoin_state"), Duration.ofSeconds(30)).get("coinjoin_state").asInt())
                .isEqualTo(2);
        assertThat(client.get(w("/maker/stop"), token).status()).isEqualTo(401);
    }

    @Test
    @Order(7)
    void takerCoinJoinThroughTheDaemonAfterTheFeeLimitsAreSet() throws Exception {
        String dest = market.takerWallet().deriveAddress(3, jm.wallet.keys.Branch.EXTERNAL, 91).address();
        String body = "{\"mixdepth\":0,\"amount_sats\":1000000,\"counterparties\":2,\"destination\":\"" + dest + "\"}";
        var noLimits = client.post(w("/taker/coinjoin"), token, body);
        assertThat(noLimits.status()).isEqualTo(409);
        assertThat(noLimits.message()).isEqualTo("Action cannot be performed, config vars are not set.");
        assertThat(client.post(w("/configset"), token,
                "{\"section\":\"POLICY\",\"field\":\"max_cj_fee_abs\",\"value\":\"100000\"}").status()).isEqualTo(200);
        assertThat(client.post(w("/configset"), token,
                "{\"section\":\"POLICY\",\"field\":\"max_cj_fee_rel\",\"value\":\"0.01\"}").status()).isEqualTo(200);
        assertThat(client.post(w("/configget"), token, "{\"section\":\"POLICY\",\"field\":\"max_cj_fee_rel\"}")
                .body().get("configvalue").asText()).isEqualTo("0.01");
        assertThat(client.post(w("/configget"), token, "{\"section\":\"POLICY\",\"field\":\"nope\"}").status())
                .isEqualTo(409);
        assertThat(client.get(w("/taker/stop"), token).status()).isEqualTo(401);
        market.mine(6); // the commitment coin's age (taker_utxo_age 5)
        var r = client.post(w("/taker/coinjoin"), token, body);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(202);
        assertThat(socket.await(m -> m.has("coinjoin_state"), Duration.ofSeconds(10)).get("coinjoin_state").asInt())
                .isZero();
        assertThat(client.post(w("/taker/coinjoin"), token, body).status()).isEqualTo(401);
        // the CoinJoin's txid message may arrive before or after the end of the CoinJoin state
        java.util.function.Predicate<JsonNode> ours = m -> m.has("txid") && m.toString().contains(dest);
        java.util.concurrent.atomic.AtomicReference<JsonNode> early = new java.util.concurrent.atomic.AtomicReference<>();
        JsonNode end = socket.await(m -> {
            if (ours.test(m)) {
                early.compareAndSet(null, m);
            }
            return m.has("coinjoin_state");
        }, Duration.ofSeconds(150));
        assertThat(end.get("coinjoin_state").asInt()).isEqualTo(2);
        market.mine(1); // the wallet reports the CoinJoin's outputs once it sees them
        JsonNode cj = early.get() != null ? early.get() : socket.await(ours, Duration.ofSeconds(30));
        assertThat(cj.get("txdetails").get("outputs").toString()).contains(dest);
        assertThat(cj.get("txdetails").get("outputs").findValuesAsText("value_sats")).contains("1000000");
        assertThat(cj.get("txdetails").get("inputs").size()).isGreaterThanOrEqualTo(3);
        assertThat(client.get("/api/v1/session", token).body().get("coinjoin_in_process").asBoolean()).isFalse();
    }

    @Test
    @Order(8)
    void scheduleStartsATumbleThatGetReadsBackAndTakerStopEnds() throws Exception {
        assertThat(client.get(w("/taker/schedule"), token).status()).isEqualTo(404);
        List<String> dests = tumbleDestinations(2);
        String addresses = jsonList(dests);
        assertThat(client.post(w("/taker/schedule"), token, "{\"destination_addresses\":[\"" + dests.get(0) + "\",\""
                + dests.get(1) + "\"]}").status()).as("fewer than 3 destinations").isEqualTo(400);
        assertThat(client.post(w("/taker/schedule"), token, "{\"destination_addresses\":[\"nonsense\"]}").status())
                .isEqualTo(400);
        assertThat(client.post(w("/taker/schedule"), token, "{\"destination_addresses\":" + addresses
                + ",\"tumbler_options\":{\"makercountrange\":[2]}}").status()).isEqualTo(400);
        assertThat(client.post(w("/taker/schedule"), token, "{\"destination_addresses\":" + addresses
                + ",\"tumbler_options\":{\"restart\":true}}").status()).as("nothing to restart").isEqualTo(404);
        // as Jam sends it: the reference's option names, some numbers as strings; waits of hours
        var r = client.post(w("/taker/schedule"), token, "{\"destination_addresses\":" + addresses
                + ",\"tumbler_options\":{\"mixdepthcount\":4,\"makercountrange\":[2,0],\"minmakercount\":\"1\","
                + "\"txcountparams\":[2,1],\"timelambda\":600,\"mincjamount\":150000,\"addrcount\":3}}");
        assertThat(r.status()).as(r.body().toString()).isEqualTo(202);
        JsonNode schedule = r.body().get("schedule");
        assertThat(socket.await(m -> m.has("coinjoin_state"), Duration.ofSeconds(10)).get("coinjoin_state").asInt())
                .isZero();
        assertThat(schedule.size()).isGreaterThanOrEqualTo(4);
        List<String> sentTo = new ArrayList<>();
        for (JsonNode line : schedule) {
            assertThat(line.size()).as(line.toString()).isEqualTo(7);
            assertThat(line.get(2).asInt()).as("makers").isEqualTo(2);
            sentTo.add(line.get(3).asText());
        }
        assertThat(schedule.get(0).get(1).asDouble()).as("the funded mixdepth is swept first").isZero();
        assertThat(schedule.get(0).get(3).asText()).isEqualTo("INTERNAL");
        JsonNode last = schedule.get(schedule.size() - 1);
        assertThat(last.get(1).asDouble()).as("the last step is a sweep").isZero();
        assertThat(last.get(3).asText()).isEqualTo(dests.get(2));
        assertThat(sentTo).containsAll(dests);

        var got = client.get(w("/taker/schedule"), token);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body().get("schedule").size()).isEqualTo(schedule.size());
        for (int i = 0; i < schedule.size(); i++) {
            for (int k = 0; k < 6; k++) {
                assertThat(got.body().get("schedule").get(i).get(k)).isEqualTo(schedule.get(i).get(k));
            }
        }
        var session = client.get("/api/v1/session", token).body();
        assertThat(session.get("coinjoin_in_process").asBoolean()).isTrue();
        assertThat(session.get("schedule").size()).isEqualTo(schedule.size());
        assertThat(client.post(w("/taker/schedule"), token, "{\"destination_addresses\":" + addresses + "}")
                .status()).as("one tumble at a time").isEqualTo(401);
        assertThat(client.post(w("/taker/coinjoin"), token, "{\"mixdepth\":0,\"amount_sats\":1000000,"
                + "\"counterparties\":2,\"destination\":\"" + dests.get(0) + "\"}").status()).isEqualTo(401);
        JsonNode saved = WalletViews.JSON.readTree(Files.readString(market.root().resolve("tumbler")
                .resolve("jam1.json")));
        assertThat(saved.get("steps")).hasSize(schedule.size());

        assertThat(client.get(w("/taker/stop"), token).status()).isEqualTo(202);
        assertThat(socket.await(m -> m.has("coinjoin_state"), Duration.ofSeconds(90)).get("coinjoin_state").asInt())
                .isEqualTo(2);
        assertThat(client.get(w("/taker/schedule"), token).status()).isEqualTo(404);
        assertThat(client.get("/api/v1/session", token).body().get("schedule").isNull()).isTrue();
    }

    /** Three addresses of the demo taker's wallet (not the daemon's) in a mixdepth, for a tumble. */
    private static List<String> tumbleDestinations(int mixdepth) {
        List<String> dests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            dests.add(market.takerWallet().deriveAddress(mixdepth, jm.wallet.keys.Branch.EXTERNAL, 92 + i).address());
        }
        return dests;
    }

    private static String jsonList(List<String> items) {
        return "[\"" + String.join("\",\"", items) + "\"]";
    }

    @Test
    @Order(15)
    void ngTumblerPlanStatusStartStopAndDelete() throws Exception {
        // the stopped tumble of the schedule test left its plan: NG shows it, and DELETE removes it
        assertThat(client.get(w("/tumbler/status"), null).status()).isEqualTo(401);
        assertThat(client.get(w("/tumbler/status"), token).body().get("status").asText()).isEqualTo("cancelled");
        assertThat(client.delete(w("/tumbler/plan"), token).status()).isEqualTo(204);
        var none = client.get(w("/tumbler/status"), token);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.message()).contains("No tumbler plan");
        assertThat(client.delete(w("/tumbler/plan"), token).status()).isEqualTo(404);
        assertThat(client.post(w("/tumbler/start"), token, "").status()).as("no plan to start").isEqualTo(404);
        assertThat(client.post(w("/tumbler/stop"), token, "").status()).as("nothing runs").isEqualTo(401);

        List<String> dests = tumbleDestinations(3);
        String addresses = jsonList(dests);
        assertThat(client.post(w("/tumbler/plan"), token, "{\"destinations\":" + jsonList(dests.subList(0, 2)) + "}")
                .status()).as("fewer than 3 destinations").isEqualTo(400);
        assertThat(client.post(w("/tumbler/plan"), token, "{\"destinations\":" + jsonList(List.of(dests.get(0),
                dests.get(1), "nonsense")) + "}").status()).as("bad address").isEqualTo(400);
        assertThat(client.get(w("/tumbler/status"), token).status()).as("nothing saved").isEqualTo(404);
        String planBody = "{\"destinations\":" + addresses + ",\"parameters\":{\"makercountrange\":[2,0],"
                + "\"minmakercount\":1,\"mixdepthcount\":4,\"txcountparams\":[2,1],\"timelambda\":600,"
                + "\"mincjamount\":150000}}";
        var plan = client.post(w("/tumbler/plan"), token, planBody);
        assertThat(plan.status()).as(plan.body().toString()).isEqualTo(201);
        assertThat(plan.body().get("status").asText()).isEqualTo("pending");
        assertThat(plan.body().get("wallet_name").asText()).isEqualTo("jam1.jmdat");
        assertThat(plan.body().get("destinations")).hasSize(3);
        JsonNode phases = plan.body().get("phases");
        assertThat(phases.size()).isGreaterThanOrEqualTo(4);
        for (JsonNode p : phases) {
            assertThat(p.get("kind").asText()).isEqualTo("taker_coinjoin");
            assertThat(p.get("status").asText()).isEqualTo("pending");
            assertThat(p.get("counterparty_count").asInt()).isEqualTo(2);
        }
        assertThat(phases.get(phases.size() - 1).get("destination").asText()).isEqualTo(dests.get(2));
        // the same state file jm tumbler status/resume reads
        var saved = new jm.tumbler.state.TumbleStateStore(market.root().resolve("tumbler").resolve("jam1.json")).load();
        assertThat(saved.steps()).hasSize(phases.size());
        assertThat(saved.destinations()).isEqualTo(dests);
        assertThat(client.post(w("/tumbler/plan"), token, planBody).status()).as("pending, no force").isEqualTo(400);
        var forced = client.post(w("/tumbler/plan"), token, planBody.replace("{\"destinations\"",
                "{\"force\":true,\"destinations\""));
        assertThat(forced.status()).isEqualTo(201);
        var pending = client.get(w("/tumbler/status"), token);
        assertThat(pending.status()).isEqualTo(200);
        assertThat(pending.body().get("status").asText()).isEqualTo("pending");
        assertThat(pending.body().get("phases")).hasSize(forced.body().get("phases").size());

        assertThat(client.post(w("/tumbler/start"), token, "").status()).isEqualTo(202);
        assertThat(socket.await(m -> m.has("coinjoin_state"), Duration.ofSeconds(10)).get("coinjoin_state").asInt())
                .isZero();
        var running = client.get(w("/tumbler/status"), token);
        assertThat(running.body().get("status").asText()).isEqualTo("running");
        assertThat(running.body().get("phases")).hasSize(forced.body().get("phases").size());
        assertThat(client.post(w("/tumbler/start"), token, "").status()).as("already running").isEqualTo(401);
        assertThat(client.post(w("/tumbler/plan"), token, planBody).status()).as("running, stop first").isEqualTo(401);
        assertThat(client.delete(w("/tumbler/plan"), token).status()).as("running, stop first").isEqualTo(400);

        assertThat(client.post(w("/tumbler/stop"), token, "").status()).isEqualTo(202);
        assertThat(socket.await(m -> m.has("coinjoin_state"), Duration.ofSeconds(90)).get("coinjoin_state").asInt())
                .isEqualTo(2);
        var stopped = client.get(w("/tumbler/status"), token);
        assertThat(stopped.body().get("status").asText()).isEqualTo("cancelled");
        assertThat(client.post(w("/tumbler/start"), token, "").status()).as("terminal").isEqualTo(400);
        assertThat(client.delete(w("/tumbler/plan"), token).status()).isEqualTo(204);
        assertThat(client.get(w("/tumbler/status"), token).status()).isEqualTo(404);
    }

    @Test
    @Order(9)
    void refreshAndExpiry() throws Exception {
        var r = client.post("/api/v1/token", token,
                "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + refresh + "\"}");
        assertThat(r.status()).isEqualTo(200);
        String newToken = r.body().get("token").asText();
        String newRefresh = r.body().get("refresh_token").asText();
        var reused = client.post("/api/v1/token", newToken,
                "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + refresh + "\"}");
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.message()).isEqualTo("invalid_grant");
        assertThat(client.post("/api/v1/token", newToken, "{\"grant_type\":\"password\",\"refresh_token\":\"x\"}")
                .message()).isEqualTo("unsupported_grant_type");
        clock.advance(Duration.ofMinutes(31));
        var expired = client.get(w("/display"), newToken);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.raw().headers().firstValue("WWW-Authenticate").orElse("")).contains("expired");
        // the refresh request's own (expired) access token is accepted, as the reference does
        var renewed = client.post("/api/v1/token", newToken,
                "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + newRefresh + "\"}");
        assertThat(renewed.status()).isEqualTo(200);
        token = renewed.body().get("token").asText();
        assertThat(client.get(w("/display"), token).status()).isEqualTo(200);
    }

    @Test
    @Order(10)
    void twoClientsAtOnce() throws Exception {
        DaemonClient other = new DaemonClient(server, market.root(), true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                DaemonClient c = i % 2 == 0 ? client : other;
                Callable<Integer> call = () -> c.get(i0(c) ? w("/utxos") : "/api/v1/session", token).status();
                all.add(pool.submit(call));
            }
            for (Future<Integer> f : all) {
                assertThat(f.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean i0(DaemonClient c) {
        return c == client;
    }

    @Test
    @Order(11)
    void signMessageTimelockAddressAndRescan() throws Exception {
        String path = "m/84'/1'/0'/0/0";
        var signed = client.post(w("/signmessage"), token, "{\"hd_path\":\"" + path + "\",\"message\":\"hello\"}");
        assertThat(signed.status()).isEqualTo(200);
        String address = signed.body().get("address").asText();
        firstAddress = address;
        org.bitcoinj.crypto.ECKey key = org.bitcoinj.crypto.ECKey.signedMessageToKey("hello",
                signed.body().get("signature").asText());
        assertThat(key.toAddress(org.bitcoinj.base.ScriptType.P2WPKH, BitcoinNetwork.REGTEST).toString())
                .isEqualTo(address);
        assertThat(client.post(w("/signmessage"), token, "{\"hd_path\":\"m/1/2\",\"message\":\"x\"}").status())
                .isEqualTo(400);
        var bond = client.get(w("/address/timelock/new/2031-05"), token);
        assertThat(bond.status()).isEqualTo(200);
        assertThat(bond.body().get("address").asText()).startsWith("bcrt1q").hasSize(64);
        assertThat(client.get(w("/address/timelock/new/2031-13"), token).status()).isEqualTo(400);
        assertThat(client.get(w("/rescanblockchain/0"), token).status()).isEqualTo(200);
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (client.get(w("/getrescaninfo"), token).body().get("rescanning").asBoolean()) {
            assertThat(System.nanoTime()).as("rescan ends").isLessThan(end);
        }
        assertThat(client.get(w("/rescanblockchain/x"), token).status()).isEqualTo(400);
    }

    @Test
    @Order(12)
    void takerStopCancelsARunningCoinJoin() throws Exception {
        market.mine(6); // the change coin's age, so the CoinJoin gets past its commitment
        String dest = market.takerWallet().deriveAddress(3, jm.wallet.keys.Branch.EXTERNAL, 92).address();
        String body = "{\"mixdepth\":0,\"amount_sats\":1000000,\"counterparties\":2,\"destination\":\"" + dest + "\"}";
        var r = client.post(w("/taker/coinjoin"), token, body);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(202);
        assertThat(socket.await(m -> m.has("coinjoin_state"), Duration.ofSeconds(10)).get("coinjoin_state").asInt())
                .isZero();
        // stopped while the session collects offers (at least the orderbook's quiet time, 5 s)
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!server.daemon().takerSessionRunning()) {
            assertThat(System.nanoTime()).as("taker session starts").isLessThan(end);
            Thread.onSpinWait();
        }
        var stop = client.get(w("/taker/stop"), token);
        assertThat(stop.status()).as(stop.body().toString()).isEqualTo(202);
        assertThat(socket.await(m -> m.has("coinjoin_state"), Duration.ofSeconds(60)).get("coinjoin_state").asInt())
                .isEqualTo(2);
        assertThat(client.get("/api/v1/session", token).body().get("coinjoin_in_process").asBoolean()).isFalse();
        assertThat(client.get(w("/taker/stop"), token).status()).isEqualTo(401);
    }

    @Test
    @Order(13)
    void directSendHonoursTxfeeAndSweepsWithAmountZero() throws Exception {
        String dest = market.takerWallet().deriveAddress(4, jm.wallet.keys.Branch.EXTERNAL, 93).address();
        Map<String, Long> values = mixdepthZeroCoins();
        var r = client.post(w("/taker/direct-send"), token,
                "{\"mixdepth\":0,\"amount_sats\":200000,\"txfee\":7000,\"destination\":\"" + dest + "\"}");
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        org.bitcoinj.core.Transaction tx = org.bitcoinj.core.Transaction.read(java.nio.ByteBuffer.wrap(
                java.util.HexFormat.of().parseHex(r.body().get("txinfo").get("hex").asText())));
        long in = tx.getInputs().stream().mapToLong(i -> values.get(i.getOutpoint().hash() + ":" + i.getOutpoint().index()))
                .sum();
        long fee = in - tx.getOutputSum().value;
        // txfee > 1000 is sat/kvB as the reference's tx_fees: 7 sat/vB, not the configured 3
        assertThat((double) fee / tx.getVsize()).isBetween(6.5, 7.5);
        market.mine(1);
        socket.await(m -> m.path("txid").asText().equals(tx.getTxId().toString()), Duration.ofSeconds(30));

        Map<String, Long> left = awaitMixdepthZero(c -> c.size() == 1 && !c.keySet().equals(values.keySet()));
        // sweep (amount 0): every coin of the mixdepth, nothing stuck reserved by the stopped CoinJoin, no change
        var sweep = client.post(w("/taker/direct-send"), token,
                "{\"mixdepth\":0,\"amount_sats\":0,\"destination\":\"" + dest + "\"}");
        assertThat(sweep.status()).as(sweep.body().toString()).isEqualTo(200);
        JsonNode info = sweep.body().get("txinfo");
        assertThat(info.get("inputs")).hasSize(left.size());
        assertThat(info.get("outputs")).hasSize(1);
        assertThat(info.get("outputs").get(0).get("address").asText()).isEqualTo(dest);
        assertThat(info.get("outputs").get(0).get("value_sats").asLong())
                .isLessThan(left.values().iterator().next()).isGreaterThan(left.values().iterator().next() - 10_000);
        market.mine(1);
        awaitMixdepthZero(Map::isEmpty);
    }

    /** Unfrozen mixdepth-0 coins, "txid:n" to value. */
    static Map<String, Long> mixdepthZeroCoins() throws Exception {
        Map<String, Long> m = new java.util.HashMap<>();
        for (JsonNode c : client.get(w("/utxos"), token).body().get("utxos")) {
            if (c.get("mixdepth").asInt() == 0 && !c.get("frozen").asBoolean()) {
                m.put(c.get("utxo").asText(), c.get("value").asLong());
            }
        }
        return m;
    }

    static Map<String, Long> awaitMixdepthZero(java.util.function.Predicate<Map<String, Long>> done) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, Long> m;
        while (!done.test(m = mixdepthZeroCoins())) {
            assertThat(System.nanoTime()).as("mixdepth 0 coins " + m).isLessThan(end);
            Thread.onSpinWait();
        }
        return m;
    }

    @Test
    @Order(20)
    void lockInvalidatesTokensAndUnlockChecksThePassword() throws Exception {
        var big = client.post(w("/unlock"), null, "{\"password\":\"" + "x".repeat(DaemonServer.MAX_BODY) + "\"}");
        assertThat(big.raw().statusCode()).isEqualTo(413);
        var lock = client.get(w("/lock"), token);
        assertThat(lock.status()).isEqualTo(200);
        assertThat(lock.body().get("already_locked").asBoolean()).isFalse();
        assertThat(client.get(w("/display"), token).status()).isEqualTo(401);
        var wrong = client.post(w("/unlock"), null, "{\"password\":\"nope\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.message()).isEqualTo("Invalid credentials.");
        var unknown = client.post("/api/v1/wallet/ghost.jmdat/unlock", null, "{\"password\":\"x\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(client.post("/api/v1/wallet/..%2F..%2Fetc%2Fpasswd/unlock", null, "{\"password\":\"x\"}").status())
                .isEqualTo(400);
        assertThat(client.post(w("/unlock"), null, "[1,2]").status()).isEqualTo(400);
        var ok = client.post(w("/unlock"), null, "{\"password\":\"" + PW + "\"}");
        assertThat(ok.status()).isEqualTo(200);
        token = ok.body().get("token").asText();
        assertThat(client.get(w("/getseed"), token).body().get("seedphrase").asText()).isEqualTo(seed);
        assertThat(client.post(w("/taker/schedule"), token, "{}").status()).isEqualTo(400);
        assertThat(client.get(w("/tumbler/status"), token).status()).as("no plan after the NG test").isEqualTo(404);
        assertThat(client.get(w("/tumbler/status"), null).status()).isEqualTo(401);
        assertThat(client.get(w("/lock"), token).status()).isEqualTo(200);
    }

    @Test
    @Order(21)
    void recoverRebuildsTheSameWalletAndRefusesBadInput() throws Exception {
        var badSeed = client.post("/api/v1/wallet/recover", null, "{\"walletname\":\"jam1r.jmdat\",\"password\":\""
                + PW + "\",\"wallettype\":\"sw-fb\",\"seedphrase\":\"abandon abandon abandon\"}");
        assertThat(badSeed.status()).isEqualTo(400);
        assertThat(badSeed.message()).isEqualTo("Invalid request format.");
        String[] words = seed.split(" ");
        String swapped = String.join(" ", java.util.Arrays.copyOfRange(words, 1, 12)) + " " + words[0];
        assertThat(client.post("/api/v1/wallet/recover", null, "{\"walletname\":\"jam1r.jmdat\",\"password\":\""
                + PW + "\",\"wallettype\":\"sw-fb\",\"seedphrase\":\"" + swapped + "\"}").status())
                .as("checksum").isEqualTo(400);
        var exists = client.post("/api/v1/wallet/recover", null, "{\"walletname\":\"jam1.jmdat\",\"password\":\""
                + PW + "\",\"wallettype\":\"sw-fb\",\"seedphrase\":\"" + seed + "\"}");
        assertThat(exists.status()).isEqualTo(409);
        assertThat(exists.message()).isEqualTo("Wallet file cannot be overwritten.");
        assertThat(Files.exists(market.root().resolve("wallets").resolve("jam1r.jmw"))).isFalse();

        var r = client.post("/api/v1/wallet/recover", null, "{\"walletname\":\"jam1r.jmdat\",\"password\":\""
                + PW + "\",\"wallettype\":\"sw-fb\",\"seedphrase\":\"" + seed + "\"}");
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        assertThat(r.body().get("walletname").asText()).isEqualTo("jam1r.jmdat");
        token = r.body().get("token").asText();
        var signed = client.post("/api/v1/wallet/jam1r.jmdat/signmessage", token,
                "{\"hd_path\":\"m/84'/1'/0'/0/0\",\"message\":\"hello\"}");
        assertThat(signed.body().get("address").asText()).isEqualTo(firstAddress);
        assertThat(client.get("/api/v1/wallet/jam1r.jmdat/getseed", token).body().get("seedphrase").asText())
                .isEqualTo(seed);
    }

    @Test
    @Order(22)
    void unlockingASecondWalletSwitchesAndTheDaemonHoldsTheWalletLock() throws Exception {
        jm.wallet.WalletStorage storage = jm.wallet.WalletStorage.inDataDir(market.root());
        // jam1r is held by the daemon: a CLI writer (Wallet.open, as every writing `jm` command) is refused
        assertThatThrownBy(() -> openDirectly(storage, "jam1r")).isInstanceOf(jm.wallet.store.WalletInUseException.class)
                .hasMessageContaining("in use by").hasMessageContaining("(pid " + ProcessHandle.current().pid() + ")");
        // ...and a wallet a CLI writer holds cannot be unlocked by the daemon
        try (jm.wallet.Wallet held = openDirectly(storage, "jam1")) {
            var busy = client.post(w("/unlock"), null, "{\"password\":\"" + PW + "\"}");
            assertThat(busy.status()).isEqualTo(409);
            assertThat(busy.message()).isEqualTo("Wallet cannot be created/opened, it is locked.");
            assertThat(client.get("/api/v1/session", token).body().get("wallet_name").asText()).isEqualTo("jam1r.jmdat");
        }
        String first = token;
        var ok = client.post(w("/unlock"), null, "{\"password\":\"" + PW + "\"}");
        assertThat(ok.status()).as(ok.body().toString()).isEqualTo(200);
        token = ok.body().get("token").asText();
        assertThat(client.get("/api/v1/wallet/jam1r.jmdat/display", first).status()).isEqualTo(401);
        assertThat(client.get("/api/v1/session", first).status()).isEqualTo(401);
        assertThat(client.get("/api/v1/session", token).body().get("wallet_name").asText()).isEqualTo("jam1.jmdat");
        assertThat(client.get(w("/display"), token).status()).isEqualTo(200);
        // the switch released jam1r's lock and took jam1's
        openDirectly(storage, "jam1r").close();
        assertThatThrownBy(() -> openDirectly(storage, "jam1")).isInstanceOf(jm.wallet.store.WalletInUseException.class);
        assertThat(client.get(w("/lock"), token).status()).isEqualTo(200);
        openDirectly(storage, "jam1").close();
    }

    private static jm.wallet.Wallet openDirectly(jm.wallet.WalletStorage storage, String name) {
        try (jm.wallet.store.Password pw = jm.wallet.store.Password.of(PW)) {
            return jm.wallet.Wallet.open(storage, name, pw, jm.wallet.keys.Passphrase.NONE, 20, clock);
        }
    }
}
