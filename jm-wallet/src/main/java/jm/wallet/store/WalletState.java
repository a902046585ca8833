package jm.wallet.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.wallet.keys.Branch;

/**
 * The wallet's metadata, in memory: next unused index per (mixdepth, branch), frozen coins,
 * labels, coins seen (for address-reuse protection), coin locks and the fidelity-bond
 * timenumbers handed out. Serialised as BIP-329 JSON lines ({@code addr}/{@code tx}/
 * {@code output} records; frozen = {@code "spendable": false}) plus {@code jm-*} records that
 * BIP-329 importers ignore. Not thread-safe: {@code Wallet} copies, mutates, persists, then
 * swaps.
 */
public final class WalletState {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_LINES = 1_000_000;

    private final Map<Long, Integer> nextIndex = new TreeMap<>();
    private final Set<OutPoint> frozen = new TreeSet<>();
    private final Map<String, String> addrLabels = new TreeMap<>();
    private final Map<OutPoint, String> outputLabels = new TreeMap<>();
    private final Map<String, String> txLabels = new TreeMap<>();
    private final Map<OutPoint, String> seen = new TreeMap<>();
    private final Map<OutPoint, CoinLock> locks = new TreeMap<>();
    private final Set<Integer> bonds = new TreeSet<>();

    public WalletState() {
    }

    public WalletState copy() {
        WalletState s = new WalletState();
        s.nextIndex.putAll(nextIndex);
        s.frozen.addAll(frozen);
        s.addrLabels.putAll(addrLabels);
        s.outputLabels.putAll(outputLabels);
        s.txLabels.putAll(txLabels);
        s.seen.putAll(seen);
        s.locks.putAll(locks);
        s.bonds.addAll(bonds);
        return s;
    }

    private static long key(int mixdepth, Branch branch) {
        return ((long) mixdepth << 8) | branch.index();
    }

    /** The first index of (mixdepth, branch) never handed out. */
    public int nextIndex(int mixdepth, Branch branch) {
        return nextIndex.getOrDefault(key(mixdepth, branch), 0);
    }

    /** Raises the next index to at least {@code next}; never lowers it. */
    public void raiseNextIndex(int mixdepth, Branch branch, int next) {
        nextIndex.merge(key(mixdepth, branch), next, Math::max);
    }

    public Set<OutPoint> frozen() {
        return Collections.unmodifiableSet(frozen);
    }

    public boolean isFrozen(OutPoint o) {
        return frozen.contains(o);
    }

    public void setFrozen(OutPoint o, boolean freeze) {
        if (freeze) {
            frozen.add(o);
        } else {
            frozen.remove(o);
        }
    }

    public Map<String, String> addressLabels() {
        return Collections.unmodifiableMap(addrLabels);
    }

    public void labelAddress(String address, String label) {
        setLabel(addrLabels, address, label);
    }

    public Map<OutPoint, String> outputLabels() {
        return Collections.unmodifiableMap(outputLabels);
    }

    public void labelOutput(OutPoint o, String label) {
        setLabel(outputLabels, o, label);
    }

    /** An empty or null label removes the key's label. */
    private static <K> void setLabel(Map<K, String> labels, K key, String label) {
        if (label == null || label.isEmpty()) {
            labels.remove(key);
        } else {
            labels.put(key, label);
        }
    }

    /** Coins ever seen by a sync, with the address they paid. */
    public Map<OutPoint, String> seen() {
        return Collections.unmodifiableMap(seen);
    }

    public void markSeen(OutPoint o, String address) {
        seen.putIfAbsent(o, address);
    }

    public Map<OutPoint, CoinLock> locks() {
        return Collections.unmodifiableMap(locks);
    }

    public void lock(OutPoint o, CoinLock lock) {
        locks.put(o, lock);
    }

    public void unlock(OutPoint o) {
        locks.remove(o);
    }

    /** Drops locks that no longer count at {@code nowEpochS}; returns whether any was dropped. */
    public boolean dropExpiredLocks(long nowEpochS) {
        return locks.values().removeIf(l -> !l.activeAt(nowEpochS));
    }

    public Set<Integer> bondTimenumbers() {
        return Collections.unmodifiableSet(bonds);
    }

    public void addBond(int timenumber) {
        bonds.add(timenumber);
    }

    // ---- serialisation ----

    public byte[] toJsonLines() {
        StringBuilder sb = new StringBuilder();
        sb.append(record("jm-wallet-state").put("version", 1)).append('\n');
        for (var e : nextIndex.entrySet()) {
            ObjectNode n = record("jm-index");
            n.put("mixdepth", (int) (e.getKey() >> 8));
            n.put("branch", Branch.fromIndex((int) (e.getKey() & 0xff)).orElseThrow().label());
            n.put("next", e.getValue());
            sb.append(n).append('\n');
        }
        addrLabels.forEach((ref, label) -> sb.append(record("addr", ref).put("label", label)).append('\n'));
        txLabels.forEach((ref, label) -> sb.append(record("tx", ref).put("label", label)).append('\n'));
        Set<OutPoint> outputs = new TreeSet<>(frozen);
        outputs.addAll(outputLabels.keySet());
        for (OutPoint o : outputs) {
            ObjectNode n = record("output", o.toWire());
            if (outputLabels.containsKey(o)) {
                n.put("label", outputLabels.get(o));
            }
            if (frozen.contains(o)) {
                n.put("spendable", false);
            }
            sb.append(n).append('\n');
        }
        seen.forEach((o, address) -> sb.append(record("jm-seen", o.toWire()).put("address", address)).append('\n'));
        for (var e : locks.entrySet()) {
            ObjectNode n = record("jm-lock", e.getKey().toWire());
            n.put("owner", e.getValue().owner());
            n.put("until", e.getValue().untilEpochS());
            e.getValue().signedTxid().ifPresent(t -> {
                n.put("signed", t.toString());
                var inputs = n.putArray("inputs");
                e.getValue().txInputs().forEach(i -> inputs.add(i.toWire()));
            });
            sb.append(n).append('\n');
        }
        for (int t : bonds) {
            sb.append(record("jm-bond").put("timenumber", t)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A new line of the file: {@code {"type": TYPE}}, fields to follow in insertion order. */
    private static ObjectNode record(String type) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", type);
        return n;
    }

    /** {@code {"type": TYPE, "ref": REF}}: a BIP-329 style record about REF. */
    private static ObjectNode record(String type, String ref) {
        return record(type).put("ref", ref);
    }

    /**
     * Parses the JSON-lines form. Unknown record types are ignored (BIP-329 files from other
     * wallets may be merged in); malformed known records are errors naming the line.
     */
    public static WalletState parse(String text, String source) {
        WalletState s = new WalletState();
        String[] lines = text.split("\n", -1);
        if (lines.length > MAX_LINES) {
            throw new WalletFileException(source + ": too many lines");
        }
        boolean headerSeen = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = source + " line " + (i + 1);
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException e) {
                throw new WalletFileException("the wallet state file is truncated or damaged: " + where + " is not JSON");
            }
            if (n == null || !n.isObject()) {
                throw new WalletFileException(where + ": not a JSON object");
            }
            try {
                switch (n.path("type").asText()) {
                    case "jm-wallet-state" -> {
                        if (n.path("version").asInt(-1) != 1) {
                            throw new WalletFileException(where + ": unsupported state version");
                        }
                        headerSeen = true;
                    }
                    case "jm-index" -> {
                        int md = intIn(n, "mixdepth", 0, 9, where);
                        Branch b = Branch.parse(n.path("branch").asText())
                                .orElseThrow(() -> new WalletFileException(where + ": bad branch"));
                        s.raiseNextIndex(md, b, intIn(n, "next", 0, Integer.MAX_VALUE, where));
                    }
                    case "addr" -> s.addrLabels.put(str(n, "ref", where), n.path("label").asText(""));
                    case "tx" -> s.txLabels.put(str(n, "ref", where), n.path("label").asText(""));
                    case "output" -> {
                        OutPoint o = OutPoint.parse(str(n, "ref", where));
                        if (n.hasNonNull("label") && !n.get("label").asText().isEmpty()) {
                            s.outputLabels.put(o, n.get("label").asText());
                        }
                        if (n.has("spendable") && !n.get("spendable").asBoolean(true)) {
                            s.frozen.add(o);
                        }
                    }
                    case "jm-seen" -> s.seen.put(OutPoint.parse(str(n, "ref", where)), str(n, "address", where));
                    case "jm-lock" -> {
                        JsonNode until = n.get("until");
                        if (until == null || !until.canConvertToLong()) {
                            throw new WalletFileException(where + ": bad lock time");
                        }
                        CoinLock lock = new CoinLock(str(n, "owner", where), until.asLong());
                        if (n.has("signed")) {
                            JsonNode inputs = n.get("inputs");
                            if (inputs == null || !inputs.isArray()) {
                                throw new WalletFileException(where + ": signed lock without 'inputs'");
                            }
                            java.util.List<OutPoint> ins = new java.util.ArrayList<>();
                            for (JsonNode in : inputs) {
                                ins.add(OutPoint.parse(in.asText()));
                            }
                            lock = lock.signedInto(org.bitcoinj.base.Sha256Hash.wrap(str(n, "signed", where)), ins);
                        }
                        s.locks.put(OutPoint.parse(str(n, "ref", where)), lock);
                    }
                    case "jm-bond" -> s.bonds.add(intIn(n, "timenumber", 0, 959, where));
                    default -> {
                        // unknown BIP-329 or future record: ignored
                    }
                }
            } catch (ProtocolException | IllegalArgumentException e) {
                throw new WalletFileException(where + ": " + e.getMessage());
            }
        }
        if (!headerSeen && !text.isBlank()) {
            throw new WalletFileException(source + ": not a wallet state file (no jm-wallet-state record)");
        }
        return s;
    }

    private static String str(JsonNode n, String f, String where) {
        JsonNode v = n.get(f);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new WalletFileException(where + ": missing '" + f + "'");
        }
        return v.asText();
    }

    private static int intIn(JsonNode n, String f, int min, int max, String where) {
        JsonNode v = n.get(f);
        if (v == null || !v.isInt() || v.asInt() < min || v.asInt() > max) {
            throw new WalletFileException(where + ": '" + f + "' must be an integer in " + min + ".." + max);
        }
        return v.asInt();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WalletState s && s.nextIndex.equals(nextIndex) && s.frozen.equals(frozen)
                && s.addrLabels.equals(addrLabels) && s.outputLabels.equals(outputLabels)
                && s.txLabels.equals(txLabels) && s.seen.equals(seen) && s.locks.equals(locks)
                && s.bonds.equals(bonds);
    }

    @Override
    public int hashCode() {
        return nextIndex.hashCode() * 31 + frozen.hashCode();
    }

    /** Next indices as a map {@code "m/branch" -> next}, for display. */
    public Map<String, Integer> indexSummary() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (var e : nextIndex.entrySet()) {
            m.put((e.getKey() >> 8) + "/" + (e.getKey() & 0xff), e.getValue());
        }
        return m;
    }
}
