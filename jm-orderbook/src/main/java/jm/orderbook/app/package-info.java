/**
 * The running orderbook watcher as one service: the watch package's {@code WatchService} and the
 * web package's HTTP server, started and stopped together. What {@code jm obwatch} and
 * {@code jm demo --keep-running} start.
 */
package jm.orderbook.app;
