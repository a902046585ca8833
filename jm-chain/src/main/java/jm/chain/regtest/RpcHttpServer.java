package jm.chain.regtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import jm.chain.NamedThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP front of the node on 127.0.0.1: basic auth (cookie or rpcuser/rpcpassword), JSON-RPC 1.0
 * and 2.0 requests and batches at {@code /} and {@code /wallet/<name>}, Core's status codes.
 */
final class RpcHttpServer {
    private static final Logger LOG = LoggerFactory.getLogger(RpcHttpServer.class);
    private static final int MAX_BODY = 32 << 20;
    private static final int MAX_THREADS = 128;

    private final HttpServer http;
    private final ExecutorService executor;
    private final NodeRpc rpc;
    private final byte[] cookieAuth;
    private final byte[] userAuth;
    private final ObjectMapper mapper;
    private final Runnable onStop;
    /** Runs {@code onStop} off the RPC pool, which closing the node shuts down. */
    private final ExecutorService stopper = Executors.newSingleThreadExecutor(new NamedThreadFactory("regtest-stop"));

    private RpcHttpServer(HttpServer http, ExecutorService executor, NodeRpc rpc, String cookie, String userPass,
                          Runnable onStop) {
        this.http = http;
        this.onStop = onStop;
        this.executor = executor;
        this.rpc = rpc;
        this.cookieAuth = cookie.getBytes(StandardCharsets.UTF_8);
        this.userAuth = userPass == null ? null : userPass.getBytes(StandardCharsets.UTF_8);
        this.mapper = rpc.mapper();
    }

    /**
     * Serves {@code rpc} on 127.0.0.1:{@code port}; {@code onStop} runs (on its own thread) after a
     * {@code stop} call has been answered. The JDK server sends headers and body in separate writes:
     * run the JVM with {@code -Dsun.net.httpserver.nodelay=true} (jm-cli's Main and the test JVMs
     * do) or each answer waits ~40 ms for the client's delayed ACK; a library does not set that
     * JVM-wide property itself.
     */
    static RpcHttpServer start(int port, NodeRpc rpc, String cookie, String userPass, Runnable onStop)
            throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        // bounded but roomy: long-polls (waitforblockheight) park a thread each and must never
        // queue ahead of the calls (generatetoaddress) that would release them
        ThreadPoolExecutor ex = new ThreadPoolExecutor(4, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                new NamedThreadFactory("regtest-rpc"));
        ex.allowCoreThreadTimeOut(true);
        ex.setRejectedExecutionHandler((task, pool) -> {
            LOG.warn("regtest rpc: {} calls in progress, running one more on the acceptor thread", MAX_THREADS);
            task.run();
        });
        RpcHttpServer s = new RpcHttpServer(http, ex, rpc, cookie, userPass, onStop);
        http.setExecutor(ex);
        http.createContext("/", s::handle);
        http.start();
        return s;
    }

    int port() {
        return http.getAddress().getPort();
    }

    void stop() {
        http.stop(0);
        executor.shutdownNow();
        stopper.shutdown(); // a running onStop (the caller of this) finishes
    }

    private boolean authorized(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.startsWith("Basic ")) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(h.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, cookieAuth) || userAuth != null && MessageDigest.isEqual(given, userAuth);
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            handleExchange(ex);
        } finally {
            // a stop call closes the node only once its answer is written, so its caller gets it
            if (rpc.takeStopRequest()) {
                stopper.execute(onStop);
            }
        }
    }

    private void handleExchange(HttpExchange ex) throws IOException {
        try (ex) {
            if (!authorized(ex)) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"jsonrpc\"");
                ex.sendResponseHeaders(401, -1);
                return;
            }
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            String path = ex.getRequestURI().getRawPath();
            String wallet = null;
            if (path.startsWith("/wallet/")) {
                wallet = percentDecode(path.substring("/wallet/".length()));
            } else if (!path.equals("/") && !path.isEmpty()) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = readBody(ex.getRequestBody());
            JsonNode req;
            try {
                req = body == null ? null : mapper.readTree(body);
            } catch (IOException e) {
                req = null;
            }
            if (req == null) {
                send(ex, 500, error(NullNode.getInstance(), RpcError.PARSE_ERROR, "Parse error", false));
                return;
            }
            if (!(req.isObject() || req.isArray())) {
                send(ex, 500, error(NullNode.getInstance(), RpcError.PARSE_ERROR, "Top-level object parse error", false));
                return;
            }
            if (req.isArray()) {
                ArrayNode out = mapper.createArrayNode();
                for (JsonNode r : req) {
                    Reply one = single(r, wallet);
                    if (one.body != null) { // Core answers a 2.0 notification with nothing
                        out.add(one.body);
                    }
                }
                send(ex, 200, out);
                return;
            }
            Reply r = single(req, wallet);
            if (r.body == null) {
                ex.sendResponseHeaders(204, -1);
                return;
            }
            send(ex, r.status, r.body);
        } catch (RuntimeException e) {
            LOG.warn("rpc handler failed: {}", e.toString(), e);
            try {
                send(ex, 500, error(NullNode.getInstance(), RpcError.MISC_ERROR, "internal error: " + e, false));
            } catch (IOException | RuntimeException ignored) {
                // the response may already have been started
            }
        }
    }

    /** One answer: an HTTP status and body (null body: a 2.0 notification, answered with nothing). */
    private record Reply(int status, ObjectNode body) {
    }

    /**
     * One request object, as Core's JSONRPCRequest::parse and HTTPReq_JSONRPC handle it: the id
     * (absent: no id member in the answer), the version ("1.0" or absent: legacy; "2.0"; else
     * refused), the method; legacy errors carry HTTP error statuses, 2.0 errors of the call HTTP 200.
     */
    private Reply single(JsonNode req, String wallet) {
        if (!req.isObject()) {
            return new Reply(400, error(NullNode.getInstance(), RpcError.INVALID_REQUEST, "Invalid Request object", false));
        }
        JsonNode id = req.get("id"); // null when absent
        JsonNode version = req.get("jsonrpc");
        boolean v2 = false;
        if (version != null && !version.isNull()) {
            if (!version.isTextual()) {
                return new Reply(400, error(id, RpcError.INVALID_REQUEST, "jsonrpc field must be a string", false));
            }
            if (version.asText().equals("2.0")) {
                v2 = true;
            } else if (!version.asText().equals("1.0")) {
                return new Reply(400, error(id, RpcError.INVALID_REQUEST, "JSON-RPC version not supported", false));
            }
        }
        JsonNode method = req.get("method");
        if (method == null || method.isNull()) {
            return new Reply(400, error(id, RpcError.INVALID_REQUEST, "Missing method", v2));
        }
        if (!method.isTextual()) {
            return new Reply(400, error(id, RpcError.INVALID_REQUEST, "Method must be a string", v2));
        }
        try {
            JsonNode result = rpc.call(method.asText(), req.get("params"), wallet);
            if (v2 && id == null) {
                return new Reply(204, null);
            }
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            if (v2) {
                o.put("jsonrpc", "2.0");
                o.set("result", result);
            } else {
                o.set("result", result);
                o.putNull("error");
            }
            if (id != null) {
                o.set("id", id);
            }
            return new Reply(200, o);
        } catch (RpcError e) {
            if (v2 && id == null) {
                return new Reply(204, null);
            }
            int status = v2 ? 200 : e.code() == RpcError.METHOD_NOT_FOUND ? 404
                    : e.code() == RpcError.INVALID_REQUEST ? 400 : 500;
            return new Reply(status, error(id, e.code(), e.getMessage(), v2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(500, error(id, RpcError.MISC_ERROR, "interrupted", v2));
        }
    }

    private ObjectNode error(JsonNode id, int code, String message, boolean v2) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (v2) {
            o.put("jsonrpc", "2.0");
        } else {
            o.putNull("result");
        }
        ObjectNode e = o.putObject("error");
        e.put("code", code);
        e.put("message", message);
        if (id != null) {
            o.set("id", id);
        }
        return o;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_BODY + 1);
        return b.length > MAX_BODY ? null : b;
    }

    private void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = (mapper.writeValueAsString(body) + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    /** Core's urlDecode: {@code %XX} escapes only ('+' stays '+'), bytes read as UTF-8. */
    static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (c == '%' && hi >= 0 && lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
