package jm.directory.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lock-free counters updated from every event loop. Peer gauges come from the registry at
 * scrape time (see {@link Gauges}).
 */
public final class DirectoryMetrics {
    /** Point-in-time values read when a scrape happens. */
    public record Gauges(int makers, int takers, int pendingConnections, int bans) {
    }

    private final LongAdder connectionsAccepted = new LongAdder();
    private final LongAdder handshakesAccepted = new LongAdder();
    private final LongAdder handshakesRejected = new LongAdder();
    private final LongAdder privmsgRelayed = new LongAdder();
    private final LongAdder pubmsgBroadcast = new LongAdder();
    private final LongAdder pubmsgDeliveries = new LongAdder();
    private final LongAdder peerlistRequests = new LongAdder();
    private final LongAdder departureNotices = new LongAdder();
    private final LongAdder bans = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder pings = new LongAdder();
    private final LongAdder orderbookProbes = new LongAdder();
    private final Map<RejectReason, LongAdder> rejections = new EnumMap<>(RejectReason.class);

    public DirectoryMetrics() {
        for (RejectReason r : RejectReason.values()) {
            rejections.put(r, new LongAdder());
        }
    }

    public void connectionAccepted() { connectionsAccepted.increment(); }
    public void handshakeAccepted() { handshakesAccepted.increment(); }
    public void handshakeRejected() { handshakesRejected.increment(); }
    public void privmsgRelayed() { privmsgRelayed.increment(); }
    public void pubmsgBroadcast(int deliveries) { pubmsgBroadcast.increment(); pubmsgDeliveries.add(deliveries); }
    public void pubmsgDelivered(int deliveries) { pubmsgDeliveries.add(deliveries); }
    public void peerlistRequested() { peerlistRequests.increment(); }
    public void departureNotices(int n) { departureNotices.add(n); }
    public void banned() { bans.increment(); }
    public void evicted() { evictions.increment(); }
    public void pingSent() { pings.increment(); }
    public void orderbookProbeSent() { orderbookProbes.increment(); }
    public void rejected(RejectReason reason) { rejections.get(reason).increment(); }

    public long connectionsAcceptedTotal() { return connectionsAccepted.sum(); }
    public long handshakesAcceptedTotal() { return handshakesAccepted.sum(); }
    public long handshakesRejectedTotal() { return handshakesRejected.sum(); }
    public long privmsgRelayedTotal() { return privmsgRelayed.sum(); }
    public long pubmsgBroadcastTotal() { return pubmsgBroadcast.sum(); }
    public long pubmsgDeliveriesTotal() { return pubmsgDeliveries.sum(); }
    public long bansTotal() { return bans.sum(); }
    public long evictionsTotal() { return evictions.sum(); }
    public long rejectionsTotal(RejectReason reason) { return rejections.get(reason).sum(); }

    /** Prometheus text exposition format (version 0.0.4). */
    public String prometheus(Gauges g) {
        StringBuilder sb = new StringBuilder(4096);
        gauge(sb, "jm_directory_peers", "Handshaked peers by role.");
        sb.append("jm_directory_peers{role=\"maker\"} ").append(g.makers()).append('\n');
        sb.append("jm_directory_peers{role=\"taker\"} ").append(g.takers()).append('\n');
        gauge(sb, "jm_directory_pending_connections", "Connections that have not completed a handshake.");
        sb.append("jm_directory_pending_connections ").append(g.pendingConnections()).append('\n');
        gauge(sb, "jm_directory_active_bans", "Bans currently in force.");
        sb.append("jm_directory_active_bans ").append(g.bans()).append('\n');
        counter(sb, "jm_directory_connections_total", "TCP connections accepted.", connectionsAccepted.sum());
        sb.append("# HELP jm_directory_handshakes_total Client handshakes by outcome.\n");
        sb.append("# TYPE jm_directory_handshakes_total counter\n");
        sb.append("jm_directory_handshakes_total{result=\"accepted\"} ").append(handshakesAccepted.sum()).append('\n');
        sb.append("jm_directory_handshakes_total{result=\"rejected\"} ").append(handshakesRejected.sum()).append('\n');
        sb.append("# HELP jm_directory_messages_relayed_total Messages relayed by kind.\n");
        sb.append("# TYPE jm_directory_messages_relayed_total counter\n");
        sb.append("jm_directory_messages_relayed_total{kind=\"privmsg\"} ").append(privmsgRelayed.sum()).append('\n');
        sb.append("jm_directory_messages_relayed_total{kind=\"pubmsg\"} ").append(pubmsgBroadcast.sum()).append('\n');
        counter(sb, "jm_directory_pubmsg_deliveries_total", "PUBMSG copies written to peers.", pubmsgDeliveries.sum());
        counter(sb, "jm_directory_peerlist_requests_total", "GETPEERLIST requests answered.", peerlistRequests.sum());
        counter(sb, "jm_directory_departure_notices_total", "Departed peers announced with ;D.", departureNotices.sum());
        counter(sb, "jm_directory_pings_total", "Heartbeat PINGs sent.", pings.sum());
        counter(sb, "jm_directory_orderbook_probes_total", "Heartbeat !orderbook probes sent.", orderbookProbes.sum());
        counter(sb, "jm_directory_bans_total", "Bans imposed.", bans.sum());
        counter(sb, "jm_directory_evictions_total", "Peers evicted by the heartbeat.", evictions.sum());
        sb.append("# HELP jm_directory_rejections_total Lines dropped, handshakes refused or connections closed, by reason.\n");
        sb.append("# TYPE jm_directory_rejections_total counter\n");
        for (RejectReason r : RejectReason.values()) {
            sb.append("jm_directory_rejections_total{reason=\"").append(r.label()).append("\"} ")
                    .append(rejections.get(r).sum()).append('\n');
        }
        return sb.toString();
    }

    private static void gauge(StringBuilder sb, String name, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" gauge\n");
    }

    private static void counter(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        sb.append(name).append(' ').append(value).append('\n');
    }
}
