package jm.cli.common;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One documented {@code config.toml} key.
 *
 * @param section     TOML section (JoinMarket NG's name)
 * @param key         key within the section (NG's name where the meaning is the same)
 * @param defaultText the default, as shown in the documentation and {@code jm config init}
 * @param description what it means and which commands read it
 * @param aliases     older names still read ({@code section.key}); the primary name wins
 * @param secret      whether the value is redacted when shown
 */
public record ConfigKey(String section, String key, String defaultText, String description, List<String> aliases,
                        boolean secret) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public ConfigKey {
        Objects.requireNonNull(defaultText, "defaultText");
        Objects.requireNonNull(description, "description");
        if (section == null || !NAME.matcher(section).matches() || key == null || !NAME.matcher(key).matches()) {
            throw new IllegalArgumentException("bad config key name: " + section + "." + key);
        }
        aliases = List.copyOf(aliases);
        for (String a : aliases) {
            int dot = a.indexOf('.');
            if (dot < 1 || !NAME.matcher(a.substring(0, dot)).matches() || !NAME.matcher(a.substring(dot + 1)).matches()) {
                throw new IllegalArgumentException("bad alias '" + a + "' for " + section + "." + key);
            }
        }
    }

    /** {@code section.key}. */
    public String id() {
        return section + "." + key;
    }

    /** The environment variable that overrides it ({@code SECTION__KEY}). */
    public String envVar() {
        return JmConfig.envName(section, key);
    }
}
