/**
 * {@code jm config}: the configuration reference generated from the key registry
 * ({@code docs/configuration.md}), {@code jm config show} (effective values and their sources,
 * secrets redacted) and {@code jm config init} (a fully commented config.toml).
 *
 * <p>Reads configuration only through {@code jm.cli.common}; must not import other command
 * packages or module internals.
 */
package jm.cli.config;
