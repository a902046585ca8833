package jm.net.transport;

import io.netty.handler.proxy.ProxyConnectException;
import java.net.ConnectException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a connection through a SOCKS5 proxy (Tor's SocksPort) failed, in words a user can act on:
 * the reply code (including Tor's extended codes, {@code SocksPort ... ExtendedErrors}), a proxy
 * that does not answer in time, or no proxy at all. Also tells which failures are worth retrying
 * for an onion service that may just not be published yet.
 */
public final class SocksFailure {
    /** Tor's extended reply: onion descriptor not found (not published yet, or gone). */
    public static final int ONION_DESCRIPTOR_NOT_FOUND = 0xF0;
    public static final int ONION_INTRO_FAILED = 0xF2;
    public static final int ONION_REND_FAILED = 0xF3;
    public static final int ONION_INTRO_TIMED_OUT = 0xF7;
    private static final Pattern STATUS = Pattern.compile("status: [A-Za-z_]*\\((\\d+)\\)");

    private SocksFailure() {
    }

    /** The SOCKS5 reply code of a failed CONNECT, if {@code t} is one. */
    public static OptionalInt replyCode(Throwable t) {
        Throwable c = unwrap(t);
        if (c instanceof ProxyConnectException && c.getMessage() != null) {
            Matcher m = STATUS.matcher(c.getMessage());
            if (m.find()) {
                try {
                    return OptionalInt.of(Integer.parseInt(m.group(1)));
                } catch (NumberFormatException e) {
                    return OptionalInt.empty();
                }
            }
        }
        return OptionalInt.empty();
    }

    /** The proxy accepted TCP but did not complete the SOCKS exchange within the connect timeout. */
    public static boolean isProxyTimeout(Throwable t) {
        Throwable c = unwrap(t);
        return c instanceof ProxyConnectException && c.getMessage() != null && c.getMessage().endsWith("timeout");
    }

    /**
     * Failures that a fresh or briefly unreachable onion service produces and that a retry may
     * cure: descriptor not found (not uploaded yet), introduction or rendezvous failed or timed
     * out, and the plain "host unreachable" Tor sends instead when ExtendedErrors is off.
     */
    public static boolean isTransientOnion(Throwable t) {
        OptionalInt code = replyCode(t);
        if (code.isEmpty()) {
            return false;
        }
        int c = code.getAsInt();
        return c == ONION_DESCRIPTOR_NOT_FOUND || c == ONION_INTRO_FAILED || c == ONION_REND_FAILED
                || c == ONION_INTRO_TIMED_OUT || c == 0x04 || c == 0x01 || c == 0x06;
    }

    /** A one-line explanation of a connect failure ({@code proxy} empty for plain TCP). */
    public static String describe(Throwable t, Optional<SocksProxy> proxy) {
        Throwable c = unwrap(t);
        String via = proxy.map(p -> "SOCKS5 proxy " + p.address().getHostString() + ":" + p.address().getPort())
                .orElse("");
        OptionalInt code = replyCode(c);
        if (code.isPresent()) {
            return via + " refused the connection: " + meaning(code.getAsInt())
                    + String.format(" (SOCKS reply 0x%02X)", code.getAsInt());
        }
        if (isProxyTimeout(c)) {
            return via + " did not complete the connection within the connect timeout (Tor still building"
                    + " circuits, or not a Tor SOCKS port?)";
        }
        if (proxy.isPresent() && c instanceof ConnectException) {
            return "cannot reach the " + via + " (is Tor running? " + c.getMessage() + ")";
        }
        if (c instanceof io.netty.channel.ConnectTimeoutException) {
            return (proxy.isPresent() ? via + ": " : "") + "connect timed out";
        }
        String m = c.getMessage();
        return (proxy.isPresent() ? via + ": " : "") + c.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** What a SOCKS5 reply code means (RFC 1928 and Tor's extended codes). */
    public static String meaning(int code) {
        return switch (code) {
            case 0x01 -> "general failure";
            case 0x02 -> "not allowed by the proxy's rules";
            case 0x03 -> "network unreachable";
            case 0x04 -> "host unreachable";
            case 0x05 -> "connection refused by the destination";
            case 0x06 -> "TTL expired (Tor: circuit or stream timed out)";
            case 0x07 -> "command not supported";
            case 0x08 -> "address type not supported";
            case ONION_DESCRIPTOR_NOT_FOUND ->
                    "onion service descriptor not found (the service is not published yet, or gone)";
            case 0xF1 -> "onion service descriptor is invalid";
            case ONION_INTRO_FAILED -> "onion service introduction failed (the service is offline?)";
            case ONION_REND_FAILED -> "onion service rendezvous failed";
            case 0xF4 -> "onion service needs client authorization";
            case 0xF5 -> "onion service client authorization is wrong";
            case 0xF6 -> "not a valid onion address";
            case ONION_INTRO_TIMED_OUT -> "onion service introduction timed out";
            default -> "unknown reply";
        };
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
