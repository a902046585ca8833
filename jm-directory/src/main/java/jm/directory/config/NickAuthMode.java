package jm.directory.config;

import java.util.Locale;

/** How the directory treats nick-ownership authentication (JMP-0005), NG's {@code nick_auth_mode}. */
public enum NickAuthMode {
    /** Offer the exchange; a verified client may replace a stale holder of its nick (default). */
    PREFER_VERIFIED,
    /** Offer the exchange and refuse clients that do not take it. */
    REQUIRE_VERIFIED,
    /** Neither advertise nor run the exchange (first live holder keeps a nick). */
    DISABLED;

    /** The config value, e.g. {@code prefer_verified}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a config value; throws IllegalArgumentException naming the allowed values. */
    public static NickAuthMode parse(String s) {
        for (NickAuthMode m : values()) {
            if (m.configValue().equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("nick_auth_mode must be prefer_verified, require_verified or disabled");
    }
}
