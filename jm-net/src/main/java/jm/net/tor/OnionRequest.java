package jm.net.tor;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Parameters of one ADD_ONION.
 *
 * @param key an existing key to reuse (keeps the address), or empty for a new ED25519-V3 key
 * @param virtualPort the onion port peers connect to (5222)
 * @param target where Tor forwards connections (our local listener)
 * @param discardKey ask Tor not to return a new key (truly ephemeral address)
 * @param pow proof-of-work defence parameters, used only if the Tor version supports them
 */
public record OnionRequest(Optional<OnionServiceKey> key, int virtualPort, InetSocketAddress target,
        boolean discardKey, Optional<PowDefense> pow) {
    /** JoinMarket's onion virtual port (PROTOCOL.md 1.1). */
    public static final int JOINMARKET_VIRTUAL_PORT = 5222;

    public OnionRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(pow, "pow");
        if (virtualPort < 1 || virtualPort > 65_535) {
            throw new IllegalArgumentException("virtual port out of range");
        }
        if (target.getPort() < 1) {
            throw new IllegalArgumentException("target port must be set");
        }
    }

    /** A new ephemeral service on port 5222 whose key is discarded (maker direct server). */
    public static OnionRequest ephemeral(InetSocketAddress target) {
        return new OnionRequest(Optional.empty(), JOINMARKET_VIRTUAL_PORT, target, true, Optional.empty());
    }

    /** A new service whose key Tor returns so it can be saved (directory's first start). */
    public static OnionRequest newPersistent(InetSocketAddress target) {
        return new OnionRequest(Optional.empty(), JOINMARKET_VIRTUAL_PORT, target, false, Optional.empty());
    }

    /** A service from a saved key (same address as before). */
    public static OnionRequest fromKey(OnionServiceKey key, InetSocketAddress target) {
        return new OnionRequest(Optional.of(key), JOINMARKET_VIRTUAL_PORT, target, true, Optional.empty());
    }

    public OnionRequest withPow(PowDefense p) {
        return new OnionRequest(key, virtualPort, target, discardKey, Optional.of(p));
    }

    /**
     * Tor's onion-service proof-of-work defence (proposal 327).
     *
     * @param queueRate PoWQueueRate: intro requests per second processed from the queue (0 = Tor default)
     * @param queueBurst PoWQueueBurst (0 = Tor default)
     */
    public record PowDefense(int queueRate, int queueBurst) {
        public PowDefense {
            if (queueRate < 0 || queueBurst < 0) {
                throw new IllegalArgumentException("PoW queue parameters must be >= 0");
            }
        }

        /** Enabled with Tor's default queue parameters. */
        public static PowDefense enabled() {
            return new PowDefense(0, 0);
        }
    }
}
