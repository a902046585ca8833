package jm.chain.regtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jm.chain.DescriptorChecksum;
import jm.chain.rpc.RpcClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core's keypool top-up of imported ranged descriptors and its "new range must include current
 * range" rule, as recorded from Core 29.3 (import_range_rule_keypool1000 / _keypool20).
 */
class RangeRuleTest {
    /** The account tpub of m/84h/1h/0h of BIP32 test vector 1 (as in the recorded corpus). */
    static final String TPUB = "tpubDDNRbZGvdA33cgpY5uy2mmphT7sK4uciRjcQScSd64S5KRyZDxHcPuzs24or84Hywugb2JbEEt2jWH8"
            + "fduiN9cmZzkSj8sSSx6txXkhXyZs";
    static final String EXT = DescriptorChecksum.append("wpkh(" + TPUB + "/0/*)");
    static final String INT = DescriptorChecksum.append("wpkh(" + TPUB + "/1/*)");

    @TempDir
    Path dir;

    static Map<String, Object> req(String desc, Object range, boolean internal) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("desc", desc);
        if (range != null) {
            m.put("range", range);
        }
        m.put("timestamp", "now");
        m.put("internal", internal);
        m.put("watchonly", true);
        return m;
    }

    static JsonNode stored(RpcClient rpc, String desc) {
        for (JsonNode d : rpc.callWallet("listdescriptors").get("descriptors")) {
            if (d.get("desc").asText().equals(desc)) {
                return d.get("range");
            }
        }
        throw new AssertionError("not stored: " + desc);
    }

    @Test
    void topsUpToTheKeypoolAndRefusesASmallerRangeLaterPerRequest() {
        try (RegtestNode node = RegtestNode.start(dir, 0)) {
            RpcClient rpc = RegtestNodeTest.client(node, "w");
            rpc.call("createwallet", "w", true, true, "", false, true, true);
            JsonNode first = rpc.callWallet("importdescriptors", List.of(req(EXT, List.of(0, 19), false)));
            assertThat(first.toString()).isEqualTo("[{\"success\":true}]");
            assertThat(stored(rpc, EXT).toString()).isEqualTo("[0,999]");

            // exactly the error users saw on their second sync against Core: only that request fails
            JsonNode again = rpc.callWallet("importdescriptors", List.of(req(EXT, List.of(0, 19), false),
                    req(INT, List.of(0, 19), true)));
            assertThat(again.get(0).toString()).isEqualTo("{\"success\":false,\"error\":{\"code\":-8,"
                    + "\"message\":\"new range must include current range = [0,999]\"}}");
            assertThat(again.get(1).toString()).isEqualTo("{\"success\":true}");

            assertThat(rpc.callWallet("importdescriptors", List.of(req(EXT, List.of(0, 1999), false)))
                    .get(0).get("success").asBoolean()).isTrue();
            assertThat(stored(rpc, EXT).toString()).isEqualTo("[0,1999]");
            assertThat(rpc.callWallet("importdescriptors", List.of(req(EXT, List.of(5, 2999), false)))
                    .get(0).get("error").get("message").asText())
                    .isEqualTo("new range must include current range = [0,1999]");
            // the range survives a restart
            node.close();
            try (RegtestNode again2 = RegtestNode.start(dir, 0)) {
                RpcClient rpc2 = RegtestNodeTest.client(again2, "w");
                rpc2.call("loadwallet", "w");
                assertThat(stored(rpc2, EXT).toString()).isEqualTo("[0,1999]");
                assertThat(rpc2.callWallet("importdescriptors", List.of(req(EXT, List.of(0, 19), false))).get(0)
                        .get("error").get("code").asInt()).isEqualTo(-8);
            }
        }
    }

    @Test
    void startOfRangeIsTheNextIndexAndANodeKeypoolOf20KeepsSmallRanges() {
        try (RegtestNode node = RegtestNode.start(dir, 0, null, null, 20)) {
            RpcClient rpc = RegtestNodeTest.client(node, "w");
            rpc.call("createwallet", "w", true, true, "", false, true, true);
            rpc.callWallet("importdescriptors", List.of(req(EXT, List.of(5, 24), false)));
            assertThat(stored(rpc, EXT).toString()).isEqualTo("[5,24]");
            JsonNode noRange = rpc.callWallet("importdescriptors", List.of(req(INT, null, true)));
            assertThat(noRange.toString()).isEqualTo(
                    "[{\"success\":true,\"warnings\":[\"Range not given, using default keypool range\"]}]");
            assertThat(stored(rpc, INT).toString()).isEqualTo("[0,19]");
            // the same descriptor twice in one call: checked against what the first just stored
            JsonNode twice = rpc.callWallet("importdescriptors", List.of(req(INT, List.of(0, 19), true),
                    req(INT, List.of(0, 19), true)));
            assertThat(twice.toString()).isEqualTo("[{\"success\":true},{\"success\":true}]");
        }
        try (RegtestNode node = RegtestNode.start(dir.resolve("kp1000"), 0)) {
            RpcClient rpc = RegtestNodeTest.client(node, "w");
            rpc.call("createwallet", "w", true, true, "", false, true, true);
            rpc.callWallet("importdescriptors", List.of(req(EXT, List.of(5, 24), false)));
            assertThat(stored(rpc, EXT).toString()).isEqualTo("[5,1004]");
        }
    }
}
