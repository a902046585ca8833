package jm.chain.regtest;

import static jm.chain.regtest.RpcJson.F;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import jm.chain.DescriptorChecksum;

/** The node's utility and control RPCs: network info, uptime, descriptors, mock time, stop, help. */
record UtilRpc(RegtestNode node, RpcJson json) {
    void register(NodeRpc rpc) {
        rpc.chainMethod("getnetworkinfo", List.of(), (p, w) -> json.networkInfo());
        rpc.chainMethod("uptime", List.of(), (p, w) -> F.numberNode(node.uptimeSeconds()));
        rpc.chainMethod("getdescriptorinfo", List.of("descriptor"), (p, w) -> {
            String s = p.str(0);
            Descriptor d = Descriptor.parse(s, false);
            ObjectNode o = F.objectNode();
            o.put("descriptor", DescriptorChecksum.append(d.publicText()));
            o.put("checksum", DescriptorChecksum.of(DescriptorChecksum.strip(s)).orElseThrow());
            o.put("isrange", d.isRange());
            o.put("issolvable", !d.text().startsWith("addr(") && !d.text().startsWith("raw("));
            o.put("hasprivatekeys", d.hasPrivateKeys());
            return o;
        });
        rpc.chainMethod("deriveaddresses", List.of("descriptor", "range"), (p, w) -> {
            Descriptor d = Descriptor.parse(p.str(0), true);
            int[] range = Params.range(p.raw(1), d.isRange());
            ArrayNode a = F.arrayNode();
            for (byte[] spk : d.scripts(range[0], range[1])) {
                a.add(Scripts.address(spk).orElseThrow(() -> new RpcError(RpcError.INVALID_ADDRESS_OR_KEY,
                        "Descriptor does not have a corresponding address")));
            }
            return a;
        });
        rpc.chainMethod("stop", List.of("wait"), (p, w) -> {
            // closed only after this answer has been written (see RpcHttpServer), as Core does
            rpc.requestStop();
            return F.textNode("Bitcoin Core stopping");
        });
        rpc.chainMethod("setmocktime", List.of("timestamp"), (p, w) -> {
            long t = p.lng(0);
            if (t < 0 || t > MockableClock.MAX_MOCK_TIME) {
                throw new RpcError(RpcError.INVALID_PARAMETER, MockableClock.outOfRange(t));
            }
            node.setMockTime(t);
            return F.nullNode();
        });
        rpc.chainMethod("help", List.of("command"), (p, w) -> F.textNode(
                "embedded regtest node; methods: " + String.join(", ", rpc.methodNames())));

    }
}
