package jm.chain.regtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jm.chain.rpc.RpcAuth;
import jm.chain.rpc.RpcClient;
import jm.chain.rpc.RpcConfig;
import jm.chain.rpc.RpcException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays every call recorded from Bitcoin Core 29.3 ({@code ../shared/vectors/bitcoin_core_rpc},
 * see its README) against the embedded node through the production {@link RpcClient} (the
 * {@code http_wire} case with hand-made HTTP requests) and compares results member by member and
 * in order, number formats ({@code 0.00010000}), error codes, messages and HTTP statuses.
 *
 * <p>The node builds coinbases exactly as Core does, so every txid of the recording (coinbases
 * and the transactions spending them) is the same here and the recorded signed transactions are
 * replayed verbatim. Only block hashes, times and similar volatile values (listed in the
 * corpus README) are compared by shape. Calls the embedded node deliberately does not serve
 * (private-key wallets, signing) are skipped, and the differences that remain are listed in
 * {@link #KNOWN_DIFFERENCES} (mirrored in the module README); any other difference fails.
 */
class CoreConformanceTest {
    /** Member names whose values depend on block times or coinbase contents of another chain. */
    static final Set<String> VOLATILE = Set.of("blockhash", "bestblock", "bestblockhash", "hash", "previousblockhash",
            "nextblockhash", "merkleroot", "time", "timereceived", "blocktime", "mediantime", "timestamp", "birthtime",
            "size_on_disk", "usage", "uptime");
    /** Methods whose bare-string / array result is a block hash (volatile). */
    static final Set<String> HASH_RESULTS = Set.of("getbestblockhash", "getblockhash", "generatetoaddress");
    /** The recorder's mining address (its miner wallet's first address, BIP32 test vector 2). */
    static final String MINER_ADDRESS = "bcrt1q50znzpr6hc3pwhq7g0a2fqeysywhe3jq9qjvqm";
    /** Wallets with private keys that only the recorder used to mine and sign. */
    static final Set<String> SIGNING_WALLETS = Set.of("miner", "jmsigner");
    /** Methods the embedded node does not serve (signing, raw tx construction, Core internals). */
    static final Set<String> NOT_SERVED = Set.of("signrawtransactionwithwallet", "createrawtransaction", "getindexinfo",
            "getmempoolentry", "getbalances", "getrawchangeaddress", "setmocktime");

    /**
     * Differences kept on purpose, by {@code case#callIndex} (or {@code case#*}), with the reason.
     * The module README lists the same.
     */
    static final Map<String, String> KNOWN_DIFFERENCES = known();

    @TempDir
    Path dir;

    static Map<String, String> known() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "estimatesmartfee_with_data", "no fee estimator: always 'Insufficient data or no feerate found'", 0, 1, 2,
                3, 4, 5, 6, 7, 8, 9, 10, 11);
        put(m, "getrawtransaction_without_txindex", "the node always behaves as Core with -txindex=1", 1, 2, 3, 4, 5, 6,
                7, 8, 9, 10, 12, 13, 14);
        String help = "wrong arity / wrong types answer a short message, not Core's help text or 'Wrong type passed:"
                + " {Position n (name)}' form";
        put(m, "wallet_rpc_without_wallet", help, 17);
        put(m, "node_misc", help, 18);
        put(m, "waitforblockheight", help, 6);
        put(m, "gettxout_lookups", help, 10, 14);
        put(m, "http_wire", "JSON-RPC envelope corner cases (help text on wrong arity, 1.0 request without id, "
                + "jsonrpc 3.0, top-level parse error) and a block the recorder mined unrecorded", 0, 3, 4, 5, 6, 7, 8, 9,
                10, 11, 14, 15, 18, 21, 22, 26, 32, 33);
        put(m, "importdescriptors_request_errors", "request-level validation of importdescriptors: codes/messages "
                + "of malformed requests and of unranged descriptors with a range differ", 5, 6, 8, 13, 14, 16, 17, 18,
                20, 21, 22, 23);
        put(m, "descriptor_checksums", "descriptor parse errors lack Core's 'wpkh(): ' prefix; private keys are "
                + "refused (watch-only node)", 5, 6);
        put(m, "ensure_wallet_flow", "wallet names limited to [A-Za-z0-9._-]{1,64} (no default '' wallet)", 16, 17, 18);
        put(m, "wallet_url_routing", "wallet names limited to [A-Za-z0-9._-]{1,64}; the recorder's private-key "
                + "wallets are not replayed", 0, 7, 8, 9, 13);
        put(m, "rescan_and_scanning", "rescans are instant: 'scanning' is never an object, no 'currently rescanning'",
                11, 12, 13);
        put(m, "import_timestamp_rescan", "wallets index the whole chain whatever the import timestamp", 5, 8, 9);
        put(m, "getrawtransaction_txindex", "verbosity 2 lacks fee/prevout; a blockhash argument of another chain",
                8, 9, 11, 17);
        put(m, "node_misc", "getblock verbosity 2/3 lacks fee/prevout; getrawmempool verbose unsupported; state after "
                + "the recorder's private-key sendtoaddress (not replayed)", 1, 2, 3, 4, 7, 16, 28, 29);
        put(m, "amount_formatting", "getrawmempool verbose unsupported", 4);
        put(m, "gettxout_lookups", "state after a block the recorder mined unrecorded", 16);
        put(m, "sendrawtransaction_errors", "state after blocks the recorder mined unrecorded", 22, 24, 46);
        return m;
    }

    private static void put(Map<String, String> m, String caseName, String reason, int... calls) {
        for (int c : calls) {
            m.merge(caseName + "#" + c, reason, (a, b) -> a + "; " + b);
        }
    }

    static Path corpus() {
        String shared = System.getProperty("jm.shared.dir");
        Path base = shared != null ? Path.of(shared) : Path.of("..", "..", "shared");
        return base.resolve("vectors").resolve("bitcoin_core_rpc").resolve("core_rpc.json");
    }

    @Test
    void everyRecordedCallIsAnsweredAsCore293Answered() throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        JsonNode root = mapper.readTree(corpus().toFile());
        assertThat(root.path("core_subversion").asText()).isEqualTo("/Satoshi:29.3.0/");
        List<String> differences = new ArrayList<>();
        int replayed = 0;
        int skipped = 0;
        Map<String, RegtestNode> nodes = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> recordedBlocks = new LinkedHashMap<>();
        try {
            for (JsonNode c : root.get("cases")) {
                String nodeName = c.path("node").asText();
                RegtestNode node = nodes.computeIfAbsent(nodeName, n -> RegtestNode.start(dir.resolve(n), 0, null, null,
                        n.equals("keypool20") ? 20 : RegtestNode.DEFAULT_KEYPOOL));
                Replayer r = new Replayer(node, c.path("name").asText(), mapper,
                        recordedBlocks.computeIfAbsent(nodeName, n -> new LinkedHashMap<>()));
                JsonNode calls = c.get("calls");
                for (int i = 0; i < calls.size(); i++) {
                    JsonNode call = calls.get(i);
                    String key = c.path("name").asText() + "#" + i;
                    String skip = skipReason(call);
                    if (skip != null) {
                        skipped++;
                        continue;
                    }
                    replayed++;
                    List<String> d = r.replay(call);
                    if (!d.isEmpty() && !KNOWN_DIFFERENCES.containsKey(key)
                            && !KNOWN_DIFFERENCES.containsKey(c.path("name").asText() + "#*")) {
                        for (String s : d) {
                            differences.add(key + " " + call.path("method").asText() + ": " + s);
                        }
                    }
                }
            }
        } finally {
            nodes.values().forEach(RegtestNode::close);
        }
        Path report = Path.of("target", "core-conformance.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, "replayed " + replayed + ", skipped " + skipped + "\n" + String.join("\n",
                differences) + "\n");
        assertThat(replayed + skipped).isEqualTo(471);
        assertThat(differences).isEmpty();
    }

    static String skipReason(JsonNode call) {
        String wallet = call.path("wallet").isNull() ? null : call.path("wallet").asText();
        if (wallet != null && SIGNING_WALLETS.contains(wallet)) {
            return "private-key wallet " + wallet;
        }
        if (NOT_SERVED.contains(call.path("method").asText())) {
            return "not served";
        }
        return null;
    }

    /** Replays the calls of one case on a node. */
    static final class Replayer {
        private final RegtestNode node;
        private final String caseName;
        private final ObjectMapper mapper;
        private final Map<String, RpcClient> clients = new LinkedHashMap<>();
        private final Map<String, Integer> recordedBlocks;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        Replayer(RegtestNode node, String caseName, ObjectMapper mapper, Map<String, Integer> recordedBlocks) {
            this.recordedBlocks = recordedBlocks;
            this.node = node;
            this.caseName = caseName;
            this.mapper = mapper;
        }

        RpcClient client(String wallet) {
            return clients.computeIfAbsent(wallet == null ? "" : wallet, w -> new RpcClient(new RpcConfig(node.rpcUrl(),
                    new RpcAuth.CookieFile(node.cookieFile()), w, Duration.ofSeconds(60)), 1, Duration.ofMillis(10)));
        }

        List<String> replay(JsonNode call) throws IOException, InterruptedException {
            if (call.has("raw_request")) {
                return replayRaw(call);
            }
            String note = call.path("note").asText("");
            if (note.contains("a block is mined 300 ms into the wait")) {
                // what the recorder did on another connection, unrecorded: mine one block meanwhile
                Thread miner = new Thread(() -> {
                    try {
                        Thread.sleep(300);
                        client(null).call("generatetoaddress", 1, MINER_ADDRESS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                miner.start();
                try {
                    return replayCall(call);
                } finally {
                    miner.join(60_000);
                }
            }
            catchUp(call);
            List<String> d = replayCall(call);
            learnBlocks(call.path("result"));
            return d;
        }

        /**
         * The recorder mined some blocks without recording the call (setup, and 1,500 blocks
         * before the rescan observation): when a recorded answer shows a higher tip than ours,
         * mine the difference to the recorder's address first, as it did.
         */
        private JsonNode sortedCoins(JsonNode coins) {
            List<JsonNode> list = new ArrayList<>();
            coins.forEach(list::add);
            list.sort(java.util.Comparator.comparing((JsonNode c) -> c.path("txid").asText())
                    .thenComparingInt(c -> c.path("vout").asInt()));
            com.fasterxml.jackson.databind.node.ArrayNode a = mapper.createArrayNode();
            list.forEach(a::add);
            return a;
        }

        /** Learns which height a recorded block hash stands for (block hashes differ here). */
        private void learnBlocks(JsonNode n) {
            if (n.isArray()) {
                n.forEach(this::learnBlocks);
            } else if (n.isObject()) {
                if (n.path("blockhash").isTextual() && n.path("blockheight").isIntegralNumber()) {
                    recordedBlocks.put(n.path("blockhash").asText(), n.path("blockheight").asInt());
                }
                if (n.path("hash").isTextual() && n.path("height").isIntegralNumber() && n.has("versionHex")) {
                    recordedBlocks.put(n.path("hash").asText(), n.path("height").asInt());
                }
                n.forEach(this::learnBlocks);
            }
        }

        private void catchUp(JsonNode call) {
            JsonNode r = call.path("result");
            String method = call.path("method").asText();
            long height = -1;
            if (method.equals("getblockcount") && r.isIntegralNumber()) {
                height = r.asLong();
            } else if (method.equals("getblockchaininfo")) {
                height = r.path("blocks").asLong(-1);
            } else if (r.path("lastprocessedblock").has("height")) {
                height = r.path("lastprocessedblock").path("height").asLong();
            } else if (method.equals("rescanblockchain") && call.path("params").size() < 2) {
                height = r.path("stop_height").asLong(-1);
            }
            long tip = node.height();
            if (method.equals("gettxout") && r.has("confirmations")) {
                height = Math.max(height, tipFor(call.path("params").path(0).asText(), r.path("confirmations").asInt()));
            }
            height = Math.max(height, tipFromRows(r));
            if (call.path("error").path("code").asInt() == -27 && method.equals("sendrawtransaction")) {
                // "Transaction outputs already in utxo set": the recorder had mined it meanwhile
                try {
                    org.bitcoinj.core.Transaction tx = TxCodec.decode(java.util.HexFormat.of().parseHex(
                            call.path("params").path(0).asText()));
                    if (node.chain().mempoolTxids().contains(tx.getTxId())) {
                        height = Math.max(height, tip + 1);
                    }
                } catch (RpcError e) {
                    // not decodable: nothing to catch up
                }
            }
            if (height > tip) {
                client(null).call("generatetoaddress", height - tip, MINER_ADDRESS);
            }
        }

        /** The tip at which our copy of {@code txid} has {@code confirmations} (-1 if unknown here). */
        private long tipFor(String txid, int confirmations) {
            if (confirmations <= 0 || txid.length() != 64) {
                return -1;
            }
            java.util.Optional<TxRecord> r = node.chain().tx(org.bitcoinj.base.Sha256Hash.wrap(txid));
            if (r.isEmpty()) {
                return -1;
            }
            return r.get().height < 0 ? node.height() + confirmations : r.get().height + confirmations - 1L;
        }

        private long tipFromRows(JsonNode n) {
            long best = -1;
            if (n.isArray()) {
                for (JsonNode e : n) {
                    best = Math.max(best, tipFromRows(e));
                }
            } else if (n.isObject() && n.path("txid").isTextual() && n.path("confirmations").isIntegralNumber()) {
                best = tipFor(n.path("txid").asText(), n.path("confirmations").asInt());
            }
            return best;
        }

        private List<String> replayCall(JsonNode call) {
            String method = call.path("method").asText();
            String wallet = call.path("wallet").isNull() ? null : call.path("wallet").asText();
            Object[] params = new Object[call.path("params").size()];
            for (int i = 0; i < params.length; i++) {
                JsonNode prm = call.path("params").get(i);
                Integer h = prm.isTextual() ? recordedBlocks.get(prm.asText()) : null;
                params[i] = h == null ? prm : mapper.getNodeFactory().textNode(node.chain().block(h).orElseThrow()
                        .hash.toString());
            }
            List<String> d = new ArrayList<>();
            JsonNode result;
            try {
                RpcClient c = client(wallet);
                result = wallet == null ? c.call(method, params) : c.callWallet(method, params);
            } catch (RpcException e) {
                if (!call.has("error")) {
                    d.add("expected a result " + shorten(call.get("result")) + " but got error " + e.code() + " "
                            + e.rpcMessage());
                    return d;
                }
                JsonNode err = call.get("error");
                if (err.path("code").asInt() != e.code()) {
                    d.add("error code " + e.code() + " != " + err.path("code").asInt());
                }
                String expected = normalizeMessage(err.path("message").asText());
                String actual = normalizeMessage(e.rpcMessage());
                if (!expected.equals(actual)) {
                    d.add("error message '" + shorten(actual) + "' != '" + shorten(expected) + "'");
                }
                if (e.httpStatus() != call.path("http_status").asInt()) {
                    d.add("HTTP " + e.httpStatus() + " != " + call.path("http_status").asInt());
                }
                return d;
            }
            if (call.has("error")) {
                d.add("expected error " + call.get("error") + " but got " + shorten(result));
                return d;
            }
            if (method.equals("listunspent")) {
                // Core lists coins in the order of a salted hash map: compare as a set
                result = sortedCoins(result);
                ((com.fasterxml.jackson.databind.node.ObjectNode) call).set("result", sortedCoins(call.get("result")));
            }
            boolean hashResult = HASH_RESULTS.contains(method) || method.equals("getblockheader")
                    && result.isTextual() || method.equals("getblock") && result.isTextual();
            compare(call.get("result"), result, "", hashResult, d);
            return d;
        }

        private String normalizeMessage(String m) {
            return m.replace(node.dataDir().resolve("wallets").toString(), "<datadir>/regtest/wallets");
        }

        private List<String> replayRaw(JsonNode call) throws IOException, InterruptedException {
            JsonNode req = call.get("raw_request");
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.rpcPort()
                    + req.path("path").asText())).timeout(Duration.ofSeconds(60));
            String auth = req.path("auth").asText();
            if (!auth.equals("none")) {
                String cookie = auth.equals("valid") ? Files.readString(node.cookieFile()).trim() : "__cookie__:wrong";
                b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        cookie.getBytes(StandardCharsets.UTF_8)));
            }
            if (!req.path("content_type").isNull()) {
                b.header("Content-Type", req.path("content_type").asText());
            }
            if (req.path("http_method").asText().equals("GET")) {
                b.GET();
            } else {
                b.POST(HttpRequest.BodyPublishers.ofString(req.path("body").asText(), StandardCharsets.UTF_8));
            }
            HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            List<String> d = new ArrayList<>();
            if (resp.statusCode() != call.path("http_status").asInt()) {
                d.add("HTTP " + resp.statusCode() + " != " + call.path("http_status").asInt());
            }
            JsonNode headers = call.path("response_headers");
            String www = headers.path("www-authenticate").asText(null);
            if (www != null && !www.equals(resp.headers().firstValue("www-authenticate").orElse(null))) {
                d.add("WWW-Authenticate " + resp.headers().firstValue("www-authenticate") + " != " + www);
            }
            String ct = headers.path("content-type").asText(null);
            if ("application/json".equals(ct) && !resp.headers().firstValue("content-type").orElse("")
                    .startsWith("application/json")) {
                d.add("Content-Type " + resp.headers().firstValue("content-type") + " != " + ct);
            }
            JsonNode expected = call.get("response");
            if (expected == null || expected.isNull()) {
                if (!resp.body().isEmpty() && !call.path("raw_response").asText().equals(resp.body())) {
                    d.add("body '" + shorten(resp.body()) + "' != '" + call.path("raw_response").asText() + "'");
                }
                return d;
            }
            JsonNode actual;
            try {
                actual = mapper.readTree(resp.body());
            } catch (IOException e) {
                d.add("unparsable body " + shorten(resp.body()));
                return d;
            }
            compare(expected, actual, "", false, d);
            return d;
        }

        void compare(JsonNode expected, JsonNode actual, String path, boolean volatileValue, List<String> d) {
            if (actual == null || actual.isMissingNode()) {
                d.add(path + " missing (expected " + shorten(expected) + ")");
                return;
            }
            if (expected.getNodeType() != actual.getNodeType()) {
                d.add(path + " type " + actual.getNodeType() + " " + shorten(actual) + " != " + expected.getNodeType()
                        + " " + shorten(expected));
                return;
            }
            if (expected.isObject()) {
                List<String> ek = names(expected);
                List<String> ak = names(actual);
                if (!ek.equals(ak)) {
                    d.add(path + " members " + ak + " != " + ek);
                }
                for (String k : ek) {
                    if (actual.has(k)) {
                        compare(expected.get(k), actual.get(k), path + "." + k, volatileValue || VOLATILE.contains(k), d);
                    }
                }
                return;
            }
            if (expected.isArray()) {
                if (expected.size() != actual.size()) {
                    d.add(path + " size " + actual.size() + " != " + expected.size() + " (" + shorten(actual) + " vs "
                            + shorten(expected) + ")");
                    return;
                }
                for (int i = 0; i < expected.size(); i++) {
                    compare(expected.get(i), actual.get(i), path + "[" + i + "]", volatileValue, d);
                }
                return;
            }
            if (volatileValue) {
                return; // same type is all that can match
            }
            if (expected.isNumber()) {
                boolean same = expected.isIntegralNumber() ? expected.bigIntegerValue().equals(actual.bigIntegerValue())
                        && actual.isIntegralNumber() : expected.decimalValue().equals(actual.decimalValue());
                if (!same) {
                    d.add(path + " " + actual.numberValue() + " != " + expected.numberValue());
                }
                return;
            }
            String e = expected.isTextual() ? normalizeMessage(expected.asText()) : expected.toString();
            String a = actual.isTextual() ? normalizeMessage(actual.asText()) : actual.toString();
            if (!e.equals(a)) {
                d.add(path + " '" + shorten(a) + "' != '" + shorten(e) + "'");
            }
        }

        private static List<String> names(JsonNode o) {
            List<String> out = new ArrayList<>();
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                out.add(it.next());
            }
            return out;
        }

        @Override
        public String toString() {
            return caseName;
        }
    }

    static String shorten(Object o) {
        String s = String.valueOf(o);
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
