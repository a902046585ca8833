package jm.chain.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jm.chain.ChainAuthenticationException;
import jm.chain.ChainUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a scripted HTTP server on loopback: Core's answers and misbehaviour. */
class RpcClientTest {
    @TempDir
    Path dir;
    HttpServer server;
    final AtomicReference<String> lastBody = new AtomicReference<>();
    final AtomicReference<String> lastPath = new AtomicReference<>();
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", ex -> {
            try (ex) {
                lastBody.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                lastPath.set(ex.getRequestURI().getRawPath());
                if (status == 0) {
                    release.await(); // never answer until the test ends
                    return;
                }
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
                if (b.length > 0) {
                    ex.getResponseBody().write(b);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private RpcClient client(URI url, Duration timeout) {
        return new RpcClient(new RpcConfig(url, new RpcAuth.UserPassword("u", "p"), "my wallet", timeout), 2,
                Duration.ofMillis(10));
    }

    @Test
    void sendsJsonRpcWithPositionalParamsAndWalletPath() throws IOException {
        URI url = serve(200, "{\"result\":7,\"error\":null,\"id\":1}");
        assertThat(client(url, Duration.ofSeconds(5)).callWallet("listunspent", 1, 9_999_999).asInt()).isEqualTo(7);
        assertThat(lastPath.get()).isEqualTo("/wallet/my%20wallet");
        assertThat(lastBody.get()).contains("\"method\":\"listunspent\"").contains("\"params\":[1,9999999]");
    }

    @Test
    void warmingUpIsUnavailable() throws IOException {
        URI url = serve(500, "{\"result\":null,\"error\":{\"code\":-28,\"message\":\"Loading block index…\"},\"id\":1}");
        assertThatThrownBy(() -> client(url, Duration.ofSeconds(5)).call("getblockcount"))
                .isInstanceOf(ChainUnavailableException.class).hasMessageContaining("warming up");
    }

    @Test
    void rpcErrorsCarryCoreCodeAndMessage() throws IOException {
        URI url = serve(500, "{\"result\":null,\"error\":{\"code\":-8,\"message\":\"Block height out of range\"},\"id\":1}");
        assertThatThrownBy(() -> client(url, Duration.ofSeconds(5)).call("getblockhash", 99))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(-8);
                    assertThat(e.rpcMessage()).isEqualTo("Block height out of range");
                });
    }

    @Test
    void nonJsonAnswerIsUnavailable() throws IOException {
        URI url = serve(502, "<html>bad gateway</html>");
        assertThatThrownBy(() -> client(url, Duration.ofSeconds(5)).call("getblockcount"))
                .isInstanceOf(ChainUnavailableException.class).hasMessageContaining("502");
    }

    @Test
    void unauthorizedIsAuthenticationError() throws IOException {
        URI url = serve(401, "");
        assertThatThrownBy(() -> client(url, Duration.ofSeconds(5)).call("getblockcount"))
                .isInstanceOf(ChainAuthenticationException.class);
    }

    @Test
    void silentNodeTimesOutAsUnavailable() throws IOException {
        URI url = serve(0, "");
        assertThatThrownBy(() -> client(url, Duration.ofMillis(300)).call("getblockcount"))
                .isInstanceOf(ChainUnavailableException.class).hasMessageContaining("unreachable");
    }

    @Test
    void missingCookieFileIsAuthenticationError() throws IOException {
        URI url = serve(200, "{\"result\":1,\"error\":null,\"id\":1}");
        RpcClient c = new RpcClient(new RpcConfig(url, new RpcAuth.CookieFile(dir.resolve("none")), "w",
                Duration.ofSeconds(5)));
        assertThatThrownBy(() -> c.call("getblockcount")).isInstanceOf(ChainAuthenticationException.class)
                .hasMessageContaining("cookie");
    }

    @Test
    void cookieIsSentAsBasicAuth() throws IOException {
        AtomicInteger seen = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", ex -> {
            try (ex) {
                String auth = ex.getRequestHeaders().getFirst("Authorization");
                String expected = "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "__cookie__:abc".getBytes(StandardCharsets.UTF_8));
                int status = expected.equals(auth) ? 200 : 401;
                seen.incrementAndGet();
                byte[] b = "{\"result\":3,\"error\":null,\"id\":1}".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(status, status == 200 ? b.length : -1);
                if (status == 200) {
                    ex.getResponseBody().write(b);
                }
            }
        });
        server.start();
        Path cookie = dir.resolve(".cookie");
        Files.writeString(cookie, "__cookie__:abc\n");
        RpcClient c = new RpcClient(new RpcConfig(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                new RpcAuth.CookieFile(cookie), "w", Duration.ofSeconds(5)));
        assertThat(c.call("getblockcount").asInt()).isEqualTo(3);
        assertThat(seen.get()).isEqualTo(1);
    }

    @Test
    void configRejectsNonHttpUrlsAndRedactsPassword() {
        assertThatThrownBy(() -> RpcConfig.of(URI.create("ftp://x/"), new RpcAuth.UserPassword("u", "p"), "w"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new RpcAuth.UserPassword("u", "hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    void convertsBtcAmountsExactly() {
        assertThat(RpcClient.btcToSats(RpcClient.newMapper().getNodeFactory().numberNode(
                new java.math.BigDecimal("0.00000001")))).isEqualTo(1);
        assertThat(RpcClient.satsToBtc(123_456_789).toPlainString()).isEqualTo("1.23456789");
        assertThatThrownBy(() -> RpcClient.btcToSats(RpcClient.newMapper().getNodeFactory().numberNode(
                new java.math.BigDecimal("0.000000001")))).isInstanceOf(ChainUnavailableException.class);
    }
}
