/**
 * {@code jm demo}: the command-line face of jm-demo (options, human and JSON output, logging
 * level, keeping the market up). Owns no market or protocol logic; must not import other
 * jm.cli command packages.
 */
package jm.cli.demo;
