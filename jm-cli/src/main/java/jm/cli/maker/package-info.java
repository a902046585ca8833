/**
 * {@code jm maker}: the maker bot's command line (configuration from config.toml, environment and
 * flags; start-up summary; graceful shutdown). Owns no protocol logic: everything runs in
 * jm-maker. Must not import jm-taker.
 */
package jm.cli.maker;
