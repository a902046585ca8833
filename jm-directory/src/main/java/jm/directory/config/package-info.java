/**
 * The directory's immutable configuration record and its validated defaults. Pure values:
 * must not import Netty, files, or anything from jm-cli (the CLI maps config.toml onto it).
 */
package jm.directory.config;
