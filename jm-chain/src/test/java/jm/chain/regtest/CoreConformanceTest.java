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
        return m;
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
        try {
            for (JsonNode c : root.get("cases")) {
                String nodeName = c.path("node").asText();
                RegtestNode node = nodes.computeIfAbsent(nodeName, n -> RegtestNode.start(dir.resolve(n), 0, null, null,
                        n.equals("keypool20") ? 20 : RegtestNode.DEFAULT_KEYPOOL));
                Replayer r = new Replayer(node, c.path("name").asText(), mapper);
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
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        Replayer(RegtestNode node, String caseName, ObjectMapper mapper) {
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
            return replayCall(call);
        }

        /**
         * The recorder mined some blocks without recording the call (setup, and 1,500 blocks
         * before the rescan observation): when a recorded answer shows a higher tip than ours,
         * mine the difference to the recorder's address first, as it did.
         */
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
            if (height > tip) {
                client(null).call("generatetoaddress", height - tip, MINER_ADDRESS);
            }
        }

        private List<String> replayCall(JsonNode call) {
            String method = call.path("method").asText();
            String wallet = call.path("wallet").isNull() ? null : call.path("wallet").asText();
            Object[] params = new Object[call.path("params").size()];
            for (int i = 0; i < params.length; i++) {
                params[i] = call.path("params").get(i);
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
