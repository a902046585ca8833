package jm.directory.peer;

import java.util.ArrayList;
import java.util.List;
import jm.core.wire.MessageType;

/** PEERLIST (789) line building (PROTOCOL.md 1.7): entries joined by ',' and split into frames. */
public final class PeerlistFormat {
    private PeerlistFormat() {
    }

    /** Joins entries with ','. */
    public static String join(List<String> entries) {
        return String.join(",", entries);
    }

    /**
     * Packs entries into as few PEERLIST frames as possible, each line at most
     * {@code maxLineChars} characters (entries are ASCII, so characters = bytes before escaping;
     * entries contain nothing JSON escapes).
     */
    public static List<byte[]> pack(List<String> entries, int maxLineChars) {
        List<byte[]> frames = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (String e : entries) {
            if (sb.length() > 0 && sb.length() + 1 + e.length() > maxLineChars) {
                frames.add(Frames.encode(MessageType.PEERLIST, sb.toString()));
                sb.setLength(0);
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e);
        }
        if (sb.length() > 0) {
            frames.add(Frames.encode(MessageType.PEERLIST, sb.toString()));
        }
        return frames;
    }
}
