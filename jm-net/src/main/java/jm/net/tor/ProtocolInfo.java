package jm.net.tor;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What PROTOCOLINFO told us.
 *
 * @param authMethods e.g. NULL, HASHEDPASSWORD, COOKIE, SAFECOOKIE (upper case)
 * @param cookieFile the cookie file Tor announced, if any
 * @param version Tor's version
 */
public record ProtocolInfo(Set<String> authMethods, Optional<Path> cookieFile, TorVersion version) {
    public ProtocolInfo {
        authMethods = Set.copyOf(authMethods);
        Objects.requireNonNull(cookieFile, "cookieFile");
        Objects.requireNonNull(version, "version");
    }

    /** Whether ADD_ONION accepts the proof-of-work defence keywords. */
    public boolean supportsAddOnionPow() {
        return version.atLeast(TorVersion.ADD_ONION_POW);
    }
}
