package jm.net.tor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Tor version {@code major.minor.micro.patch[-tag]} as reported by PROTOCOLINFO, compared
 * numerically (the tag is ignored).
 */
public record TorVersion(int major, int minor, int micro, int patch) implements Comparable<TorVersion> {
    /** First version accepting PoWDefensesEnabled / PoWQueueRate / PoWQueueBurst in ADD_ONION. */
    public static final TorVersion ADD_ONION_POW = new TorVersion(0, 4, 9, 2);
    private static final Pattern FORM = Pattern.compile("(\\d{1,5})\\.(\\d{1,5})\\.(\\d{1,5})(?:\\.(\\d{1,5}))?.*");

    public TorVersion {
        if (major < 0 || minor < 0 || micro < 0 || patch < 0) {
            throw new IllegalArgumentException("negative version component");
        }
    }

    /** Parses e.g. {@code 0.4.9.11} or {@code 0.4.9.2-alpha}; unknown forms give 0.0.0.0. */
    public static TorVersion parse(String s) {
        Matcher m = FORM.matcher(s == null ? "" : s.strip());
        if (!m.matches()) {
            return new TorVersion(0, 0, 0, 0);
        }
        return new TorVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
    }

    public boolean atLeast(TorVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(TorVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Integer.compare(micro, o.micro);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro + "." + patch;
    }
}
