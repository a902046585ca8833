package jm.core.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jm.core.testing.Vectors;

/** The example envelopes quoted in PROTOCOL.md (not schematics), one per line, exactly as written there. */
public final class SpecExamples {
    private static final Pattern FRAME = Pattern.compile("^\\{\"type\": \\d+, \"line\": .*\\}$", Pattern.MULTILINE);

    private SpecExamples() {
    }

    public static List<String> frames() {
        List<String> out = new ArrayList<>();
        Matcher m = FRAME.matcher(Vectors.protocolSpec());
        while (m.find()) {
            if (m.group().contains(" ... ")) {
                continue; // a schematic, not an example
            }
            out.add(m.group());
        }
        return out;
    }

    public static List<String> framesOfType(int type) {
        List<String> out = new ArrayList<>();
        for (String f : frames()) {
            if (f.startsWith("{\"type\": " + type + ",")) {
                out.add(f);
            }
        }
        return out;
    }
}
