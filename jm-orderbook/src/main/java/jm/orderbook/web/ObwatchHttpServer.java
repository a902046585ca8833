package jm.orderbook.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import jm.orderbook.watch.MarketSnapshot;
import jm.orderbook.watch.MarketSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watcher's HTTP server (the JDK's {@code com.sun.net.httpserver}, two worker threads).
 *
 * <table>
 * <caption>Endpoints</caption>
 * <tr><td>GET /</td><td>the page ({@code ?sort=&order=&amount=&directory=})</td></tr>
 * <tr><td>GET /orderbook.json</td><td>the orderbook in the reference watcher's schema</td></tr>
 * <tr><td>POST /refreshorderbook</td><td>asks the makers again, then 303 to the page (the
 *     reference's form)</td></tr>
 * <tr><td>GET /refreshorderbook</td><td>asks the makers again, answers the orderbook JSON (what
 *     JoinMarket NG's wallet daemon proxies)</td></tr>
 * <tr><td>GET /metrics</td><td>Prometheus text format</td></tr>
 * <tr><td>GET /health</td><td>{@code {"status":"ok",...}}</td></tr>
 * <tr><td>GET /fidelitybonds, /depth, /ordersize</td><td>the reference's page paths: redirect to
 *     the matching section of the page</td></tr>
 * </table>
 *
 * <p>Request bodies are never read beyond {@link #MAX_BODY} bytes; other methods get 405,
 * unknown paths 404. Every page carries a Content-Security-Policy that forbids loading anything
 * from anywhere.
 */
public final class ObwatchHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ObwatchHttpServer.class);
    /** The reference watcher's port. */
    public static final int DEFAULT_PORT = 62601;
    static final int MAX_BODY = 16_384;
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
            + "img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final HttpServer server;
    private final ExecutorService workers;
    private final MarketSource market;

    private ObwatchHttpServer(HttpServer server, ExecutorService workers, MarketSource market) {
        this.server = server;
        this.workers = workers;
        this.market = market;
    }

    /**
     * Binds and starts serving.
     *
     * @throws IOException if the address cannot be bound (e.g. the port is taken)
     */
    public static ObwatchHttpServer start(InetSocketAddress bind, MarketSource market) throws IOException {
        Objects.requireNonNull(market);
        HttpServer http = HttpServer.create(bind, 16);
        ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "obwatch-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(workers);
        ObwatchHttpServer s = new ObwatchHttpServer(http, workers, market);
        http.createContext("/", s::handle);
        http.start();
        return s;
    }

    /** The bound address (the real port when bound to port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://host:port/} for humans. */
    public URI url() {
        InetSocketAddress a = address();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            drain(ex.getRequestBody());
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            boolean get = method.equals("GET") || method.equals("HEAD");
            switch (path) {
                case "/", "/index.html" -> {
                    if (!get) {
                        notAllowed(ex, "GET");
                        return;
                    }
                    MarketSnapshot s = market.snapshot();
                    send(ex, 200, "text/html; charset=utf-8", OrderbookPage.render(s,
                            PageQuery.parse(ex.getRequestURI().getRawQuery())));
                }
                case "/orderbook.json" -> {
                    if (!get) {
                        notAllowed(ex, "GET");
                        return;
                    }
                    json(ex);
                }
                case "/refreshorderbook" -> {
                    if (method.equals("POST")) {
                        market.refresh();
                        ex.getResponseHeaders().set("Location", "/");
                        send(ex, 303, "text/plain; charset=utf-8", "asked the makers again; see /\n");
                    } else if (get) {
                        market.refresh();
                        json(ex);
                    } else {
                        notAllowed(ex, "GET, POST");
                    }
                }
                case "/metrics" -> {
                    if (!get) {
                        notAllowed(ex, "GET");
                        return;
                    }
                    send(ex, 200, MetricsText.CONTENT_TYPE, MetricsText.of(market.snapshot()));
                }
                case "/health" -> {
                    if (!get) {
                        notAllowed(ex, "GET");
                        return;
                    }
                    MarketSnapshot s = market.snapshot();
                    String body = OrderbookJson.MAPPER.createObjectNode().put("status", "ok")
                            .put("offers", s.offers().size()).put("makers", s.makerCount())
                            .put("fidelity_bonds", s.bonds().size())
                            .put("directories_connected", s.directories().stream()
                                    .filter(MarketSnapshot.DirectoryView::connected).count())
                            .put("last_update", s.lastUpdate().map(Object::toString).orElse(null)).toString();
                    send(ex, 200, "application/json", body);
                }
                case "/fidelitybonds", "/depth", "/ordersize", "/sybilresistance" -> {
                    String anchor = switch (path) {
                        case "/depth" -> "#depth";
                        case "/ordersize" -> "#sizes";
                        default -> "#bonds";
                    };
                    ex.getResponseHeaders().set("Location", "/" + anchor);
                    send(ex, 302, "text/plain; charset=utf-8", "see /" + anchor + "\n");
                }
                default -> send(ex, 404, "text/plain; charset=utf-8", "not found: " + path + "\n");
            }
        } catch (IOException e) {
            LOG.debug("HTTP client went away: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.warn("HTTP handler failed", e);
        }
    }

    private void json(HttpExchange ex) throws IOException {
        send(ex, 200, "application/json", OrderbookJson.of(market.snapshot()).toString());
    }

    private static void notAllowed(HttpExchange ex, String allow) throws IOException {
        ex.getResponseHeaders().set("Allow", allow);
        send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n");
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.getResponseHeaders().set("Content-Security-Policy", CSP);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        int total = 0;
        int n;
        while (total < MAX_BODY && (n = in.read(buf)) > 0) {
            total += n;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
