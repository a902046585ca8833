package jm.daemon;

import java.util.Map;

/**
 * An answer other than success: HTTP status, the reference's {@code {"message": ...}} body and
 * any extra headers (a {@code WWW-Authenticate} challenge for token errors). The messages are the
 * reference daemon's own (wallet_rpc.py), because clients such as Jam show them to the user.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient Map<String, String> headers;

    public ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    public ApiException(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    static ApiException invalidRequest() {
        return new ApiException(400, "Invalid request format.");
    }

    static ApiException actionNotAllowed() {
        return new ApiException(400, "Action not allowed");
    }

    static ApiException invalidCredentials() {
        return new ApiException(401, "Invalid credentials.");
    }

    /** 401 with the RFC 6750 challenge the reference sets ({@code Bearer, error="invalid_token", ...}). */
    static ApiException invalidToken(String description) {
        return new ApiException(401, description,
                Map.of("WWW-Authenticate", "Bearer, error=\"invalid_token\", error_description=\"" + description + "\""));
    }

    static ApiException insufficientScope() {
        String d = "The request requires higher privileges (scopes) than provided by the scopes granted to the client"
                + " and represented by the access token.";
        return new ApiException(403, d,
                Map.of("WWW-Authenticate", "Bearer, error=\"insufficient_scope\", error_description=\"" + d + "\""));
    }

    static ApiException noWalletFound() {
        return new ApiException(404, "No wallet loaded.");
    }

    static ApiException serviceAlreadyStarted() {
        return new ApiException(401, "Service already started.");
    }

    static ApiException walletAlreadyUnlocked() {
        return new ApiException(401, "Wallet already unlocked.");
    }

    static ApiException walletExists() {
        return new ApiException(409, "Wallet file cannot be overwritten.");
    }

    static ApiException lockExists() {
        return new ApiException(409, "Wallet cannot be created/opened, it is locked.");
    }

    static ApiException configNotPresent() {
        return new ApiException(409, "Action cannot be performed, config vars are not set.");
    }

    static ApiException serviceNotStarted() {
        return new ApiException(401, "Service cannot be stopped as it is not running.");
    }

    static ApiException transactionFailed() {
        return new ApiException(409, "Transaction failed.");
    }

    static ApiException notEnoughCoinsForMaker() {
        return new ApiException(409, "Maker could not start, no confirmed coins.");
    }

    static ApiException backendNotReady() {
        return new ApiException(503, "Backend daemon not available");
    }

    static ApiException notFound(String what) {
        return new ApiException(404, what);
    }
}
