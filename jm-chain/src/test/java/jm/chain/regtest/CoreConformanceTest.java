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
import org.bitcoinj.base.Sha256Hash;
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
    static final Set<String> NOT_SERVED = Set.of("signrawtransactionwithwallet", "createrawtransaction");
    /** The recorder advanced its mock clock by this much (setmocktime, unrecorded) before each mining step. */
    static final long MOCKTIME_STEP = 600;

    /**
     * Differences kept on purpose, by {@code case#callIndex} (or {@code case#*}), with the reason.
     * The module README lists the same.
     */
    static final Map<String, String> KNOWN_DIFFERENCES = known();

    @TempDir
    Path dir;

    static Map<String, String> known() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "estimatesmartfee_with_data", "no fee estimator: 'Insufficient data or no feerate found' until Core's "
                + "estimator would have data", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        String help = "wrong number of parameters (and help): Core answers the method's help text, the node a short "
                + "message";
        put(m, "wallet_rpc_without_wallet", help, 17);
        put(m, "node_misc", help, 16, 18);
        put(m, "http_wire", help, 3, 5);
        put(m, "importdescriptors_request_errors", help, 21);
        put(m, "rescan_and_scanning", "rescans are instant: 'scanning' is never an object, no 'currently rescanning'",
                11, 12, 13);
        put(m, "node_misc", "the recorder's private-key wallet paid with sendtoaddress (Core picks coins and the change "
                + "position at random, the transaction is not recorded): the mempool lacks it", 28, 29, 30);
        put(m, "import_timestamp_rescan", "the recorder's funding transaction (FUND, from its private-key wallet) is "
                + "not recorded: the rescans find nothing", 5, 8, 9);
        put(m, "wallet_url_routing", "the recorder's private-key wallet 'jmsigner' is not replayed, so listwallets "
                + "lacks it", 0, 13);
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
        List<String> knownSeen = new ArrayList<>();
        List<String> sameHashes = new ArrayList<>();
        Set<String> differing = new java.util.TreeSet<>();
        int replayed = 0;
        int skipped = 0;
        Map<String, RegtestNode> nodes = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> recordedBlocks = new LinkedHashMap<>();
        try {
            for (JsonNode c : root.get("cases")) {
                String nodeName = c.path("node").asText();
                JsonNode args = root.path("nodes").path(nodeName).path("args");
                RegtestNode node = nodes.computeIfAbsent(nodeName, n -> {
                    RegtestNode started = RegtestNode.start(dir.resolve(n), 0, null, null,
                            Integer.parseInt(arg(args, "-keypool", String.valueOf(RegtestNode.DEFAULT_KEYPOOL))),
                            arg(args, "-txindex", "0").equals("1"));
                    started.setMockTime(Long.parseLong(arg(args, "-mocktime", "0")));
                    return started;
                });
                Replayer r = new Replayer(node, c.path("name").asText(), mapper,
                        recordedBlocks.computeIfAbsent(nodeName, n -> new LinkedHashMap<>()));
                r.setUpUnrecorded(c, root.path("keys"));
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
                    boolean known = KNOWN_DIFFERENCES.containsKey(key)
                            || KNOWN_DIFFERENCES.containsKey(c.path("name").asText() + "#*");
                    if (!d.isEmpty()) {
                        differing.add(key);
                        for (String s : d) {
                            (known ? knownSeen : differences).add(key + " " + call.path("method").asText() + ": " + s);
                        }
                    }
                }
            }
            for (Map.Entry<String, Map<String, Integer>> e : recordedBlocks.entrySet()) {
                RegtestNode node = nodes.get(e.getKey());
                List<Integer> equal = new ArrayList<>();
                List<Integer> other = new ArrayList<>();
                e.getValue().forEach((hash, height) -> (node.chain().block(height).map(b -> b.hash.toString())
                        .orElse("").equals(hash) ? equal : other).add(height));
                sameHashes.add(e.getKey() + ": recorded block hashes equal here at heights " + new java.util.TreeSet<>(
                        equal) + ", different at " + new java.util.TreeSet<>(other));
            }
        } finally {
            nodes.values().forEach(RegtestNode::close);
        }
        Path report = Path.of("target", "core-conformance.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, "replayed " + replayed + ", skipped " + skipped + ", differing " + differing.size()
                + "\n" + String.join("\n", sameHashes) + "\nunexpected:\n" + String.join("\n", differences) + "\nknown:\n" + String.join("\n", knownSeen)
                + "\nknown but now equal: " + KNOWN_DIFFERENCES.keySet().stream().filter(k -> !k.endsWith("#*")
                && !differing.contains(k)).toList() + "\n");
        assertThat(replayed + skipped).isEqualTo(471);
        assertThat(differences).isEmpty();
        assertThat(KNOWN_DIFFERENCES.keySet().stream().filter(k -> !differing.contains(k)).toList())
                .as("known differences that are gone: drop them from KNOWN_DIFFERENCES and the README").isEmpty();
    }

    /** The value of {@code -name=value} among a recorded node's arguments, or Core's default. */
    static String arg(JsonNode args, String name, String dflt) {
        for (JsonNode a : args) {
            if (a.asText().startsWith(name + "=")) {
                return a.asText().substring(name.length() + 1);
            }
        }
        return dflt;
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
        private boolean mockTimeAdvanced;
        private JsonNode vars = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
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
                        mine(1);
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
            learnVarBlocks();
            if (call.path("method").asText().equals("generatetoaddress") && !mockTimeAdvanced) {
                advanceMockTime(); // the recorder's step before the recorded mining calls of a case
                mockTimeAdvanced = true;
            }
            List<String> d = replayCall(call);
            learnBlocks(call.path("result"));
            if (call.path("method").asText().equals("generatetoaddress") && call.path("result").size() > 0) {
                JsonNode hashes = call.path("result");
                for (int i = 0; i < hashes.size(); i++) {
                    recordedBlocks.put(hashes.get(i).asText(), (int) node.height() - hashes.size() + 1 + i);
                }
            }
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

        /** {@link #catchUp} for a raw exchange: each request object with its recorded answer. */
        private void catchUpRaw(String body, String response) {
            JsonNode req;
            JsonNode resp;
            try {
                req = mapper.readTree(body);
                resp = mapper.readTree(response);
            } catch (IOException e) {
                return; // a malformed request or an empty answer: nothing to learn
            }
            if (req == null || resp == null) {
                return;
            }
            for (int i = 0; i < (req.isArray() ? req.size() : 1); i++) {
                JsonNode q = req.isArray() ? req.get(i) : req;
                JsonNode a = resp.isArray() ? resp.path(i) : resp;
                if (q.path("method").isTextual() && a.has("result")) {
                    com.fasterxml.jackson.databind.node.ObjectNode synthetic = mapper.createObjectNode();
                    synthetic.put("method", q.path("method").asText());
                    synthetic.set("result", a.get("result"));
                    catchUp(synthetic);
                }
            }
        }

        /**
         * Does what a case's notes say the recorder did without recording it ("setup not
         * recorded: miner wallet, watch-only 'jm' with mixdepth-0 external imported, 101 blocks"):
         * the blocks to the miner's address and the watch-only wallet with that descriptor.
         */
        /** A case variable {@code X_block} names the block that confirmed the transaction {@code X}. */
        private void learnVarBlocks() {
            for (Iterator<Map.Entry<String, JsonNode>> it = vars.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> v = it.next();
                String tx = v.getKey().endsWith("_block") ? vars.path(v.getKey().replaceFirst("_block$", "")).asText("")
                        : "";
                if (tx.length() == 64) {
                    node.chain().tx(Sha256Hash.wrap(tx)).filter(r -> r.height >= 0)
                            .ifPresent(r -> recordedBlocks.put(v.getValue().asText(), r.height));
                }
            }
        }

        void setUpUnrecorded(JsonNode c, JsonNode keys) {
            vars = c.path("vars");
            for (JsonNode n : c.path("notes")) {
                String note = n.asText();
                if (!note.contains("setup not recorded")) {
                    continue;
                }
                java.util.regex.Matcher mixdepth = java.util.regex.Pattern
                        .compile("watch-only '(\\w+)' with mixdepth-(\\d+) external imported").matcher(note);
                if (mixdepth.find()) {
                    String wallet = mixdepth.group(1);
                    client(null).call("createwallet", wallet, true, true, "", false, true, true);
                    org.bitcoinj.crypto.DeterministicKey account = org.bitcoinj.crypto.HDKeyDerivation.deriveChildKey(
                            org.bitcoinj.crypto.HDKeyDerivation.deriveChildKey(
                                    org.bitcoinj.crypto.HDKeyDerivation.deriveChildKey(
                                            org.bitcoinj.crypto.DeterministicKey.deserializeB58(
                                                    keys.path("jm_root_tprv").asText(),
                                                    org.bitcoinj.base.BitcoinNetwork.TESTNET),
                                            new org.bitcoinj.crypto.ChildNumber(84, true)),
                                    new org.bitcoinj.crypto.ChildNumber(1, true)),
                            new org.bitcoinj.crypto.ChildNumber(Integer.parseInt(mixdepth.group(2)), true));
                    String desc = jm.chain.DescriptorChecksum.append("wpkh(" + account.serializePubB58(
                            org.bitcoinj.base.BitcoinNetwork.TESTNET) + "/0/*)");
                    com.fasterxml.jackson.databind.node.ObjectNode req = mapper.createObjectNode();
                    req.put("desc", desc);
                    req.putArray("range").add(0).add(99);
                    req.put("timestamp", 0);
                    req.put("internal", false);
                    req.put("watchonly", true);
                    client(wallet).callWallet("importdescriptors", List.of(req));
                }
                java.util.regex.Matcher blocks = java.util.regex.Pattern.compile("(\\d+) blocks").matcher(note);
                if (blocks.find() && node.height() < Integer.parseInt(blocks.group(1))) {
                    mine(Integer.parseInt(blocks.group(1)) - node.height());
                }
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
            if (method.equals("getrawtransaction") && call.path("params").size() < 3
                    && call.path("error").path("message").asText().startsWith("No such mempool transaction")
                    && node.chain().mempoolTxids().contains(Sha256Hash.wrap(call.path("params").path(0).asText()))) {
                height = Math.max(height, tip + 1); // Core no longer had it in the mempool: the recorder mined it
            }
            if (call.path("error").path("code").asInt() == -27 && method.equals("sendrawtransaction")) {
                // "Transaction outputs already in utxo set": the recorder had mined it meanwhile
                org.bitcoinj.core.Transaction tx = decodeOrNull(call.path("params").path(0).asText());
                if (tx != null && node.chain().mempoolTxids().contains(tx.getTxId())) {
                    height = Math.max(height, tip + 1);
                }
            }
            if (method.equals("getblock") || method.equals("getblockheader")) {
                // a verbose block answer tells the tip: height + confirmations - 1
                if (r.path("confirmations").asLong(0) > 0 && r.has("height")) {
                    height = Math.max(height, r.path("height").asLong() + r.path("confirmations").asLong() - 1);
                }
            }
            if (method.equals("gettxout") && r.isNull() && !call.path("params").path(2).asBoolean(true)
                    && spentOnlyInOurMempool(call.path("params").path(0).asText(), call.path("params").path(1).asInt())) {
                height = Math.max(height, tip + 1); // Core: spent in its chain; here only in the mempool: mined
            }
            if (method.equals("sendrawtransaction") && call.path("error").path("code").asInt() == -25
                    && call.path("error").path("message").asText().equals("bad-txns-inputs-missingorspent")) {
                // a tx confirmed here and Core answers "missing or spent" (not "already in utxo set"):
                // every output was spent in Core's chain, here some only in the mempool: the recorder mined
                org.bitcoinj.core.Transaction tx = decodeOrNull(call.path("params").path(0).asText());
                if (tx != null && node.chain().tx(tx.getTxId()).map(t -> t.height >= 0).orElse(false)) {
                    for (int v = 0; v < tx.getOutputs().size(); v++) {
                        if (spentOnlyInOurMempool(tx.getTxId().toString(), v)) {
                            height = Math.max(height, tip + 1);
                        }
                    }
                }
            }
            if (height > tip) {
                mine(height - tip);
            }
        }

        /** What the recorder did before each of its mining steps, unrecorded: setmocktime {@value #MOCKTIME_STEP} s later. */
        private void advanceMockTime() {
            client(null).call("setmocktime", node.now() + MOCKTIME_STEP);
        }

        /** Mines {@code n} blocks to the recorder's address as the recorder did (its mock clock moved on first). */
        private void mine(long n) {
            advanceMockTime();
            client(null).call("generatetoaddress", n, MINER_ADDRESS);
        }

        private static org.bitcoinj.core.Transaction decodeOrNull(String hex) {
            try {
                return TxCodec.decode(java.util.HexFormat.of().parseHex(hex));
            } catch (RpcError | IllegalArgumentException e) {
                return null; // not decodable: nothing to catch up
            }
        }

        /** True when {@code txid:vout} is unspent in our chain and spent by a transaction of our mempool. */
        private boolean spentOnlyInOurMempool(String txid, int vout) {
            if (txid.length() != 64 || vout < 0) {
                return false;
            }
            jm.core.OutPoint op = new jm.core.OutPoint(Sha256Hash.wrap(txid), vout);
            return node.chain().unspent(op, false).isPresent() && node.chain().unspent(op, true).isEmpty();
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
            catchUpRaw(req.path("body").asText(), call.path("raw_response").asText());
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
