/**
 * {@code jm directory ...}: maps flags, environment and the {@code [directory_server]} section
 * (alias {@code [directory]}) of config.toml onto jm-directory's configuration, starts the node
 * (local TCP or behind a persistent Tor onion service) and waits for shutdown. Must not import
 * jm-maker, jm-taker or jm-wallet.
 */
package jm.cli.directory;
