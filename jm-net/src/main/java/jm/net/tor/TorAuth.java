package jm.net.tor;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to authenticate to the Tor control port. {@link Auto} picks from what PROTOCOLINFO offers:
 * NULL, then SAFECOOKIE, then COOKIE, then a configured password.
 */
public sealed interface TorAuth {
    /** No authentication ({@code CookieAuthentication 0}, no password). */
    record None() implements TorAuth {
    }

    /**
     * Cookie authentication, preferring SAFECOOKIE (challenge-response, the cookie never crosses
     * the socket) and falling back to COOKIE.
     *
     * @param cookieFile the cookie file, or empty to use the path Tor announces
     */
    record Cookie(Optional<Path> cookieFile) implements TorAuth {
        public Cookie {
            Objects.requireNonNull(cookieFile, "cookieFile");
        }
    }

    /** HASHEDPASSWORD authentication. {@link #toString()} is redacted. */
    record Password(String password) implements TorAuth {
        public Password {
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Password[redacted]";
        }
    }

    /** Whatever the server offers, with an optional password and cookie file. */
    record Auto(Optional<String> password, Optional<Path> cookieFile) implements TorAuth {
        public Auto {
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(cookieFile, "cookieFile");
        }

        @Override
        public String toString() {
            return "Auto[password " + (password.isPresent() ? "redacted" : "none") + ", cookieFile="
                    + cookieFile.map(Path::toString).orElse("from tor") + "]";
        }
    }
}
