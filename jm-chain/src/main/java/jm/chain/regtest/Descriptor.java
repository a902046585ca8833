package jm.chain.regtest;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import jm.chain.DescriptorChecksum;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.crypto.ChildNumber;
import org.bitcoinj.crypto.DeterministicKey;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.HDKeyDerivation;
import org.bitcoinj.script.ScriptBuilder;
import org.bitcoinj.crypto.internal.CryptoUtils;

/**
 * A parsed output descriptor, the subset the node watches: {@code addr(A)}, {@code raw(H)},
 * {@code pk(K)}, {@code pkh(K)}, {@code wpkh(K)}, {@code sh(wpkh(K))}, {@code wsh(pk(K))}; K is
 * a hex public key or an xpub/tpub with an optional {@code [origin]} and unhardened
 * {@code /path}, optionally ending in {@code /*}; an xprv/tprv (hardened steps allowed) is parsed
 * for its public form, which is all the node uses (no wallet here stores private keys).
 */
final class Descriptor {
    private static final HexFormat HEX = HexFormat.of();

    private final String text;
    private final Node root;
    private final String publicText;

    private Descriptor(String text, Node root, String publicText) {
        this.text = text;
        this.root = root;
        this.publicText = publicText;
    }

    /** The descriptor without checksum. */
    String text() {
        return text;
    }

    /** True when an extended key is given in private form (xprv/tprv). */
    boolean hasPrivateKeys() {
        return !publicText.equals(text);
    }

    /** The descriptor with every private extended key written in its public form (Core's ToString). */
    String publicText() {
        return publicText;
    }

    String withChecksum() {
        return DescriptorChecksum.append(text);
    }

    /** Core's output type of the descriptor's scripts (bech32, p2sh-segwit, legacy), or null when it has none. */
    String outputType() {
        if (text.startsWith("wpkh(") || text.startsWith("wsh(")) {
            return "bech32";
        }
        if (text.startsWith("sh(wpkh(") || text.startsWith("sh(wsh(")) {
            return "p2sh-segwit";
        }
        if (text.startsWith("pkh(")) {
            return "legacy";
        }
        return null;
    }

    boolean isRange() {
        return root.ranged();
    }

    /** The scriptPubKey at {@code index} (ignored when not ranged). */
    byte[] scriptPubKey(int index) {
        return root.script(index);
    }

    /**
     * Parses a descriptor; a {@code #checksum} is verified if present.
     *
     * @param requireChecksum whether a missing checksum is an error (importdescriptors)
     */
    static Descriptor parse(String s, boolean requireChecksum) throws RpcError {
        String body = s;
        int hash = s.indexOf('#');
        if (hash >= 0) {
            body = s.substring(0, hash);
            String given = s.substring(hash + 1);
            String computed = DescriptorChecksum.of(body).orElseThrow(
                    () -> new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Invalid characters in payload"));
            if (given.length() != 8) {
                throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY,
                        "Expected 8 character checksum, not " + given.length() + " characters");
            }
            if (!given.equals(computed)) {
                throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Provided checksum '" + given
                        + "' does not match computed checksum '" + computed + "'");
            }
        } else if (requireChecksum) {
            throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Missing checksum");
        }
        if (DescriptorChecksum.of(body).isEmpty()) {
            throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Invalid characters in payload");
        }
        try {
            Parser parser = new Parser(body);
            Node root = parser.top();
            String publicBody = body;
            for (java.util.Map.Entry<String, String> e : parser.publicForms.entrySet()) {
                publicBody = publicBody.replace(e.getKey(), e.getValue());
            }
            Descriptor d = new Descriptor(body, root, publicBody);
            d.scriptPubKey(0); // derivation problems surface here, not later
            return d;
        } catch (RuntimeException e) {
            throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Invalid descriptor: " + e.getMessage());
        }
    }

    private interface Node {
        boolean ranged();

        byte[] script(int index);

        /** Core's inferred descriptor of the script at {@code index} (key origin + key), or null. */
        default String inferred(int index) {
            return null;
        }
    }

    /**
     * The descriptor Core reports for one of its scripts ({@code listunspent.desc}): keys with
     * their origin, e.g. {@code wpkh([c948860a/0/0]02…)#…}; {@code addr(…)} for scripts
     * without keys.
     */
    String inferred(int index) {
        String d = root.inferred(index);
        if (d == null) {
            return Scripts.inferredDescriptor(root.script(index));
        }
        return DescriptorChecksum.append(d);
    }

    /** A key expression: fixed pubkey or extended key with path. */
    private static final class Key {
        private final byte[] fixed;
        private final DeterministicKey base;
        private final boolean ranged;
        /** The same key for bitcoin-kmp, whose libsecp256k1 derivation is several times faster. */
        private final fr.acinq.bitcoin.DeterministicWallet.ExtendedPublicKey fast;
        /** Key origin without the index: fingerprint and steps, e.g. {@code c948860a/0}. */
        private String origin;

        Key(byte[] fixed, DeterministicKey base, boolean ranged) {
            this.fixed = fixed;
            this.base = base;
            this.ranged = ranged;
            this.fast = base == null ? null : new fr.acinq.bitcoin.DeterministicWallet.ExtendedPublicKey(
                    new fr.acinq.bitcoin.ByteVector(base.getPubKey()),
                    new fr.acinq.bitcoin.ByteVector32(base.getChainCode()), base.getDepth(),
                    fr.acinq.bitcoin.KeyPath.Companion.getEmpty(), base.getParentFingerprint());
        }

        String expression(int index) {
            String pub = HEX.formatHex(pubKey(index));
            if (fixed != null || origin == null) {
                return pub;
            }
            return "[" + origin + (ranged ? "/" + index : "") + "]" + pub;
        }

        byte[] pubKey(int index) {
            if (fixed != null) {
                return fixed;
            }
            if (!ranged) {
                return base.getPubKey();
            }
            return fast.derivePublicKey(index).publickeybytes.toByteArray();
        }
    }

    private static final class Parser {
        private final String s;
        /** Private extended keys met, each with its public form. */
        private final java.util.Map<String, String> publicForms = new java.util.LinkedHashMap<>();

        Parser(String s) {
            this.s = s;
        }

        Node top() throws RpcError {
            String fn = function(s);
            String arg = argument(s, fn);
            switch (fn) {
                case "addr": {
                    Address a;
                    try {
                        a = AddressParser.getDefault(BitcoinNetwork.REGTEST).parseAddress(arg);
                    } catch (RuntimeException e) {
                        throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Address is not valid");
                    }
                    byte[] spk = ScriptBuilder.createOutputScript(a).program();
                    return fixed(spk);
                }
                case "raw":
                    try {
                        return fixed(HEX.parseHex(arg));
                    } catch (IllegalArgumentException e) {
                        throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Raw script is not hex");
                    }
                case "sh": {
                    String inner = function(arg);
                    if (!inner.equals("wpkh") && !inner.equals("wsh")) {
                        throw unsupported(inner);
                    }
                    Node n = inner.equals("wpkh") ? keyNode("wpkh", argument(arg, inner)) : wsh(argument(arg, inner));
                    return map("sh", n, spk -> ScriptBuilder.createP2SHOutputScript(CryptoUtils.sha256hash160(spk))
                            .program());
                }
                case "wsh":
                    return wsh(arg);
                case "pk": case "pkh": case "wpkh":
                    return keyNode(fn, arg);
                default:
                    throw unsupported(fn);
            }
        }

        private Node wsh(String arg) throws RpcError {
            String inner = function(arg);
            if (!inner.equals("pk") && !inner.equals("pkh")) {
                throw unsupported(inner);
            }
            Node script = keyNode(inner, argument(arg, inner));
            return map("wsh", script, ws -> ScriptBuilder.createP2WSHOutputScript(
                    org.bitcoinj.base.Sha256Hash.hash(ws)).program());
        }

        private static RpcError unsupported(String fn) {
            return new RpcError(RpcError.INVALID_ADDRESS_OR_KEY,
                    "'" + fn + "(...)' is not a valid descriptor function (or not supported by the embedded node)");
        }

        private Node keyNode(String fn, String keyExpr) throws RpcError {
            Key k;
            try {
                k = key(keyExpr, !fn.equals("pk") && !fn.equals("pkh"));
            } catch (RpcError e) {
                throw new RpcError(e.code(), fn + "(): " + e.getMessage()); // Core names the function
            }
            return new Node() {
                @Override
                public boolean ranged() {
                    return k.ranged;
                }

                @Override
                public String inferred(int index) {
                    return fn + "(" + k.expression(index) + ")";
                }

                @Override
                public byte[] script(int index) {
                    byte[] pub = k.pubKey(index);
                    switch (fn) {
                        case "pk":
                            return ScriptBuilder.createP2PKOutputScript(pub).program();
                        case "pkh":
                            return ScriptBuilder.createP2PKHOutputScript(CryptoUtils.sha256hash160(pub)).program();
                        default:
                            return ScriptBuilder.createP2WPKHOutputScript(CryptoUtils.sha256hash160(pub)).program();
                    }
                }
            };
        }

        private static Node fixed(byte[] spk) {
            return new Node() {
                @Override
                public boolean ranged() {
                    return false;
                }

                @Override
                public byte[] script(int index) {
                    return spk.clone();
                }
            };
        }

        private static Node map(String fn, Node inner, java.util.function.UnaryOperator<byte[]> f) {
            return new Node() {
                @Override
                public boolean ranged() {
                    return inner.ranged();
                }

                @Override
                public String inferred(int index) {
                    String i = inner.inferred(index);
                    return i == null ? null : fn + "(" + i + ")";
                }

                @Override
                public byte[] script(int index) {
                    return f.apply(inner.script(index));
                }
            };
        }

        private static String function(String expr) throws RpcError {
            int open = expr.indexOf('(');
            if (open <= 0 || !expr.endsWith(")")) {
                throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "'" + expr + "' is not a valid descriptor function");
            }
            return expr.substring(0, open);
        }

        private static String argument(String expr, String fn) {
            return expr.substring(fn.length() + 1, expr.length() - 1);
        }

        private Key key(String expr, boolean compressedOnly) throws RpcError {
            String k = expr;
            String explicitOrigin = null;
            if (k.startsWith("[")) {
                int close = k.indexOf(']');
                if (close < 0) {
                    throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Key origin start '[ character without corresponding end ']'");
                }
                String origin = k.substring(1, close);
                String fp = origin.split("/", 2)[0];
                if (fp.length() != 8 || !fp.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY,
                            "Fingerprint '" + fp + "' is not hex or is not 4 bytes");
                }
                explicitOrigin = origin;
                k = k.substring(close + 1);
            }
            String[] parts = k.split("/", -1);
            String head = parts[0];
            if (parts.length == 1 && (head.length() == 66 || head.length() == 130)) {
                byte[] pub;
                try {
                    pub = HEX.parseHex(head);
                    ECKey.fromPublicOnly(pub);
                } catch (RuntimeException e) {
                    throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Pubkey '" + head + "' is invalid");
                }
                if (compressedOnly && pub.length != 33) {
                    throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Uncompressed keys are not allowed");
                }
                return new Key(pub, null, false);
            }
            boolean isPrivate = head.startsWith("xprv") || head.startsWith("tprv");
            if (!isPrivate && !head.startsWith("xpub") && !head.startsWith("tpub")) {
                throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "key '" + head + "' is not valid");
            }
            BitcoinNetwork net = head.startsWith("t") ? BitcoinNetwork.TESTNET : BitcoinNetwork.MAINNET;
            DeterministicKey base;
            try {
                base = DeterministicKey.deserializeB58(head, net);
            } catch (RuntimeException e) {
                throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "key '" + head + "' is not valid");
            }
            if (isPrivate) {
                publicForms.put(head, base.serializePubB58(net));
            }
            boolean ranged = false;
            StringBuilder origin = new StringBuilder(explicitOrigin != null ? explicitOrigin
                    : HEX.formatHex(CryptoUtils.sha256hash160(base.getPubKey()), 0, 4));
            for (int i = 1; i < parts.length; i++) {
                String step = parts[i];
                if (step.equals("*") && i == parts.length - 1) {
                    ranged = true;
                    break;
                }
                boolean hardened = step.endsWith("'") || step.endsWith("h");
                if (hardened && (!isPrivate || step.startsWith("*"))) {
                    throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY,
                            "Hardened derivation is not possible from a public key ('" + step + "')");
                }
                long idx;
                try {
                    idx = Long.parseLong(hardened ? step.substring(0, step.length() - 1) : step);
                } catch (NumberFormatException e) {
                    throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Key path value '" + step + "' is not a valid uint32");
                }
                if (idx < 0 || idx >= 0x8000_0000L) {
                    throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Key path value " + step + " is out of range");
                }
                base = HDKeyDerivation.deriveChildKey(base, new ChildNumber((int) idx, hardened));
                origin.append('/').append(idx).append(hardened ? "h" : "");
            }
            Key key = new Key(null, base, ranged);
            key.origin = origin.toString();
            return key;
        }
    }

    /** All scriptPubKeys of indices {@code [from, to]} (just one when not ranged). */
    List<byte[]> scripts(int from, int to) {
        List<byte[]> out = new ArrayList<>();
        if (!isRange()) {
            out.add(scriptPubKey(0));
            return out;
        }
        for (int i = from; i <= to; i++) {
            out.add(scriptPubKey(i));
        }
        return out;
    }
}
