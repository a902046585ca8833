package jm.core.wire;

import java.util.ArrayList;
import java.util.List;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;

/**
 * The PEERLIST (789) line: entries joined by {@code ,}, fields by {@code ;}
 * (PROTOCOL.md 1.7). An empty line means no peers.
 */
public final class Peerlist {
    /** Upper bound on entries in one line (a 65,536-byte line holds far fewer). */
    public static final int MAX_ENTRIES = 2_000;

    private Peerlist() {
    }

    /** Parses a whole PEERLIST line; any malformed entry rejects the line. */
    public static List<PeerlistEntry> parse(String line) throws ProtocolException {
        if (line == null) {
            throw new ProtocolException(Reason.MISSING_FIELD, "peerlist", "missing");
        }
        List<PeerlistEntry> out = new ArrayList<>();
        if (line.isEmpty()) {
            return out;
        }
        String[] entries = line.split(",", -1);
        if (entries.length > MAX_ENTRIES) {
            throw new ProtocolException(Reason.OVERSIZED, "peerlist", "more than " + MAX_ENTRIES + " entries");
        }
        for (String e : entries) {
            out.add(parseEntry(e));
        }
        return List.copyOf(out);
    }

    /**
     * Parses the entries of a PEERLIST line that are well-formed and skips the others (as the
     * reference client does with entries it does not understand).
     */
    public static List<PeerlistEntry> parseValidEntries(String line) {
        List<PeerlistEntry> out = new ArrayList<>();
        if (line == null || line.isEmpty()) {
            return out;
        }
        String[] entries = line.split(",", MAX_ENTRIES + 1);
        for (int i = 0; i < Math.min(entries.length, MAX_ENTRIES); i++) {
            try {
                out.add(parseEntry(entries[i]));
            } catch (ProtocolException ignored) {
                // skipped, as documented
            }
        }
        return List.copyOf(out);
    }

    /** Parses one entry {@code nick;location[;D][;F:a+b]}. */
    public static PeerlistEntry parseEntry(String entry) throws ProtocolException {
        if (entry.isEmpty()) {
            throw new ProtocolException(Reason.MALFORMED, "peerlist.entry", "empty entry");
        }
        String[] f = entry.split(";", -1);
        if (f.length < 2 || f.length > 4) {
            throw new ProtocolException(Reason.MALFORMED, "peerlist.entry", "expected nick;location[;D][;F:...]");
        }
        Nick nick = Nick.parse(f[0]);
        Location location = Location.parse(f[1]);
        boolean disconnected = false;
        Features features = Features.NONE;
        int i = 2;
        if (i < f.length && f[i].equals("D")) {
            disconnected = true;
            i++;
        }
        if (i < f.length && f[i].startsWith("F:")) {
            features = Features.fromPeerlistField(f[i].substring(2));
            i++;
        }
        if (i != f.length) {
            throw new ProtocolException(Reason.MALFORMED, "peerlist.entry", "unknown field '" + abbreviate(f[i]) + "'");
        }
        return new PeerlistEntry(nick, location, disconnected, features);
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "..." : s;
    }

    /**
     * Formats entries. With {@code withFeatures} (only for peers that advertised
     * {@code peerlist_features}) available entries with features get {@code ;F:a+b}; a
     * disconnected entry is always {@code nick;location;D}.
     */
    public static String format(List<PeerlistEntry> entries, boolean withFeatures) {
        StringBuilder sb = new StringBuilder();
        for (PeerlistEntry e : entries) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(formatEntry(e, withFeatures));
        }
        return sb.toString();
    }

    public static String formatEntry(PeerlistEntry e, boolean withFeatures) {
        String s = e.nick().value() + ";" + e.location().toWire();
        if (e.disconnected()) {
            return s + ";D";
        }
        if (withFeatures && !e.features().names().isEmpty()) {
            return s + ";F:" + e.features().toPeerlistField();
        }
        return s;
    }
}
