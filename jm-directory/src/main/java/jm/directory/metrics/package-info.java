/**
 * Directory counters and the loopback HTTP endpoint ({@code /health} JSON, {@code /metrics}
 * Prometheus text) on the JDK's {@code com.sun.net.httpserver}. Must not import Netty or the
 * server package: the server pushes numbers in through {@code DirectoryMetrics} and a gauge supplier.
 */
package jm.directory.metrics;
