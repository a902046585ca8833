/**
 * A private Tor network on 127.0.0.1 (Debian's {@code tor}, {@code TestingTorNetwork 1}) for
 * {@code jm demo --tor} and the Tor end-to-end tests. A test and demo facility only, never for
 * real funds. Imports jm-net's Tor control client; nothing in the production modules imports it.
 */
package jm.demo.tor;
