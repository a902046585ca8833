package jm.daemon;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The reference daemon's token scheme (jmclient/auth.py): HS256 JWTs whose only claims are
 * {@code exp} and {@code scope} ("walletrpc" plus the base64 of the unlocked wallet's name); an
 * access token lives 30 minutes, a refresh token 4 hours; each has its own random signing key.
 * Issuing replaces the refresh key (the previous refresh token dies); {@link #reset()} (on lock)
 * replaces both keys, so every token issued before is refused. Verification allows 10 s of
 * clock skew, as the reference does. Keys live only in memory and are never logged.
 */
public final class TokenAuthority {
    public static final Duration ACCESS_VALIDITY = Duration.ofMinutes(30);
    public static final Duration REFRESH_VALIDITY = Duration.ofHours(4);
    static final Duration LEEWAY = Duration.ofSeconds(10);

    /** The two kinds of token; a token of one kind never verifies as the other (different keys). */
    public enum Kind { ACCESS, REFRESH }

    /** Why a token was refused. */
    public static final class TokenException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean expired;
        private final boolean scope;

        TokenException(String message, boolean expired, boolean scope) {
            super(message, null, false, false);
            this.expired = expired;
            this.scope = scope;
        }

        public boolean expired() {
            return expired;
        }

        public boolean badScope() {
            return scope;
        }
    }

    /** What the reference's {@code issue()} returns, in its field order. */
    public record Issued(String token, String tokenType, long expiresIn, String scope, String refreshToken) {
        @Override
        public String toString() {
            return "Issued[scope=" + scope + ", tokens redacted]";
        }
    }

    private final Clock clock;
    private final SecureRandom random;
    private byte[] accessKey;
    private byte[] refreshKey;
    private final Set<String> scope = new LinkedHashSet<>();

    public TokenAuthority(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
        scope.add("walletrpc");
        reset();
    }

    private byte[] newKey() {
        byte[] k = new byte[32]; // HS256 needs at least 256 bits (the reference uses 128; nimbus insists)
        random.nextBytes(k);
        return k;
    }

    /** Adds a wallet to the scope every token must carry (base64 of its name, as the reference). */
    public synchronized void addWallet(String walletName) {
        scope.add(Base64.getEncoder().encodeToString(walletName.getBytes(StandardCharsets.UTF_8)));
    }

    /** Invalidates every token issued so far and forgets the wallet scope. */
    public synchronized void reset() {
        accessKey = newKey();
        refreshKey = newKey();
        scope.clear();
        scope.add("walletrpc");
    }

    public synchronized String scope() {
        return String.join(" ", scope);
    }

    public synchronized Issued issue() {
        refreshKey = newKey();
        return new Issued(sign(accessKey, ACCESS_VALIDITY), "bearer", ACCESS_VALIDITY.toSeconds(), scope(),
                sign(refreshKey, REFRESH_VALIDITY));
    }

    private String sign(byte[] key, Duration validity) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .expirationTime(Date.from(Instant.now(clock).plus(validity)))
                .claim("scope", scope())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /**
     * Checks signature, expiry (with {@link #LEEWAY}) and scope.
     *
     * @param checkExpiry false to accept an expired but otherwise valid token (the refresh
     *                    request's own access token, as the reference)
     */
    public synchronized void verify(String token, Kind kind, boolean checkExpiry) throws TokenException {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token == null ? "" : token.trim());
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new MACVerifier(kind == Kind.ACCESS ? accessKey : refreshKey))) {
                throw new TokenException("bad signature", false, false);
            }
        } catch (ParseException | JOSEException e) {
            throw new TokenException("malformed token", false, false);
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenException("malformed claims", false, false);
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new TokenException("no expiry", false, false);
        }
        if (checkExpiry && exp.toInstant().plus(LEEWAY).isBefore(Instant.now(clock))) {
            throw new TokenException("expired", true, false);
        }
        Object s = claims.getClaim("scope");
        Set<String> granted = s instanceof String str ? new java.util.HashSet<>(java.util.Arrays.asList(str.split(" ")))
                : Set.of();
        if (!granted.containsAll(scope)) {
            throw new TokenException("scope", false, true);
        }
    }

    @Override
    public String toString() {
        return "TokenAuthority[keys redacted]";
    }
}
