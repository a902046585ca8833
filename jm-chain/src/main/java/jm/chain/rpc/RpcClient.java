package jm.chain.rpc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import jm.chain.ChainAuthenticationException;
import jm.chain.ChainException;
import jm.chain.ChainUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thin JSON-RPC 1.0 client for Bitcoin Core: one HTTP POST per call, basic auth from a cookie
 * file or user/password, retries with backoff when the connection fails.
 *
 * <p>Errors: {@link RpcException} for an RPC error answer (code + message), {@link
 * ChainAuthenticationException} for HTTP 401 or an unreadable cookie, {@link
 * ChainUnavailableException} when the node cannot be reached after the retries, is warming up
 * (-28) or answers something that is not JSON-RPC.
 */
public final class RpcClient {
    private static final Logger LOG = LoggerFactory.getLogger(RpcClient.class);
    /** Core's "still warming up" error code. */
    public static final int RPC_IN_WARMUP = -28;
    /** Retries double their pause up to this cap. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final RpcConfig config;
    private final HttpClient http;
    private final ObjectMapper mapper;
    private final AtomicLong ids = new AtomicLong();
    private final int maxAttempts;
    private final Duration firstBackoff;
    private volatile String authHeader;

    public RpcClient(RpcConfig config) {
        this(config, 3, Duration.ofMillis(200));
    }

    /**
     * @param maxAttempts  attempts per call when the connection fails (1 = no retry)
     * @param firstBackoff pause before the first retry; doubles each time, up to 2 s
     */
    public RpcClient(RpcConfig config, int maxAttempts, Duration firstBackoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        this.config = config;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).version(HttpClient.Version.HTTP_1_1)
                .build();
        this.mapper = newMapper();
    }

    /** The JSON mapper used on both sides: amounts are read as {@link BigDecimal}, written plain. */
    public static ObjectMapper newMapper() {
        ObjectMapper m = new ObjectMapper();
        m.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        m.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        return m;
    }

    public RpcConfig config() {
        return config;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Calls a node-wide method. */
    public JsonNode call(String method, Object... params) {
        return send(null, method, Duration.ZERO, params);
    }

    /** Calls a method on the configured wallet ({@code /wallet/<name>}). */
    public JsonNode callWallet(String method, Object... params) {
        return send(config.walletName(), method, Duration.ZERO, params);
    }

    /**
     * Calls a method with an extra allowance on top of the configured timeout (for calls that
     * legitimately block: rescans, waiting for blocks).
     *
     * @param wallet wallet name, or null for a node-wide call
     */
    public JsonNode callWithExtraTime(String wallet, String method, Duration extra, Object... params) {
        return send(wallet, method, extra, params);
    }

    private JsonNode send(String wallet, String method, Duration extra, Object[] params) {
        ObjectNode req = mapper.createObjectNode();
        req.put("jsonrpc", "1.0");
        req.put("id", ids.incrementAndGet());
        req.put("method", method);
        ArrayNode arr = req.putArray("params");
        for (Object p : params) {
            arr.add(mapper.valueToTree(p));
        }
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(req);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise params of " + method, e);
        }
        URI uri = wallet == null ? config.url()
                : config.url().resolve("/wallet/" + URLEncoder.encode(wallet, StandardCharsets.UTF_8)
                        .replace("+", "%20"));
        Duration backoff = firstBackoff;
        boolean reauthed = false;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> resp;
            try {
                HttpRequest httpReq = HttpRequest.newBuilder(uri)
                        .timeout(config.timeout().plus(extra))
                        .header("Content-Type", "application/json")
                        .header("Authorization", authHeader(false))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
                resp = http.send(httpReq, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (attempt >= maxAttempts) {
                    throw new ChainUnavailableException("bitcoin node at " + config.url() + " unreachable ("
                            + method + "): " + e, e);
                }
                LOG.debug("rpc {} attempt {} failed: {}; retrying in {}", method, attempt, e.toString(), backoff);
                sleepQuietly(backoff);
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChainUnavailableException("interrupted during rpc " + method, e);
            }
            if (resp.statusCode() == 401 || resp.statusCode() == 403) {
                if (!reauthed && config.auth() instanceof RpcAuth.CookieFile) {
                    reauthed = true;
                    authHeader(true);
                    continue;
                }
                throw new ChainAuthenticationException("bitcoin node at " + config.url()
                        + " refused our credentials (HTTP " + resp.statusCode() + "); check rpc user/password or cookie",
                        null);
            }
            return parseResponse(method, resp);
        }
    }

    private JsonNode parseResponse(String method, HttpResponse<byte[]> resp) {
        JsonNode root;
        try {
            root = mapper.readTree(resp.body());
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            if (resp.statusCode() == 404) {
                throw new RpcException(method, -32601, "Method not found (HTTP 404)", 404);
            }
            throw new ChainUnavailableException("bitcoin node at " + config.url() + " answered HTTP "
                    + resp.statusCode() + " without a JSON-RPC body to " + method);
        }
        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            int code = error.path("code").asInt(0);
            String msg = error.path("message").asText("");
            if (code == RPC_IN_WARMUP) {
                throw new ChainUnavailableException("bitcoin node is warming up: " + msg);
            }
            throw new RpcException(method, code, msg, resp.statusCode());
        }
        if (!root.has("result")) {
            throw new ChainUnavailableException("JSON-RPC answer to " + method + " has neither result nor error");
        }
        return root.get("result");
    }

    private String authHeader(boolean refresh) {
        String h = authHeader;
        if (h != null && !refresh) {
            return h;
        }
        String userPass;
        if (config.auth() instanceof RpcAuth.UserPassword up) {
            userPass = up.user() + ":" + up.password();
        } else {
            RpcAuth.CookieFile cf = (RpcAuth.CookieFile) config.auth();
            try {
                userPass = Files.readString(cf.path(), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new ChainAuthenticationException("cannot read rpc cookie file " + cf.path() + ": " + e, e);
            }
            if (userPass.indexOf(':') < 0) {
                throw new ChainAuthenticationException("rpc cookie file " + cf.path() + " is not user:password", null);
            }
        }
        h = "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
        authHeader = h;
        return h;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainException("interrupted while retrying rpc", e);
        }
    }

    /** Core prints amounts in BTC with 8 decimals; converts exactly to satoshis. */
    public static long btcToSats(JsonNode amount) {
        if (amount == null || !amount.isNumber()) {
            throw new ChainUnavailableException("rpc answer has no numeric amount");
        }
        BigDecimal btc = amount.decimalValue();
        try {
            return btc.movePointRight(8).longValueExact();
        } catch (ArithmeticException e) {
            throw new ChainUnavailableException("amount is not a whole number of satoshis: " + btc);
        }
    }

    /** Satoshis as a BTC decimal with 8 places, as Core expects amounts. */
    public static BigDecimal satsToBtc(long sats) {
        return BigDecimal.valueOf(sats, 8);
    }
}
