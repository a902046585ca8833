/**
 * {@code jm obwatch}: the orderbook watcher's command line (flags and config to jm-orderbook's
 * service, Ctrl-C handling). Owns no watcher logic; must not import jm.maker or jm.directory.
 */
package jm.cli.obwatch;
