/** {@code jm daemon}: the Jam-compatible wallet daemon (module jm-daemon) with settings from config.toml. */
package jm.cli.daemon;
