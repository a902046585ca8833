/**
 * Offers and fee math (PROTOCOL.md 6): offer types, the offer value with its validation, the
 * reference taker's reading of offer lines into orderbook rows (minsize raise, canonical
 * relative-fee text, dropped offers), exact half-even relative fees and dust thresholds.
 *
 * <p>Owns: the money arithmetic of offers; never uses floating point. Must not import:
 * sockets, files, threads, the clock, or {@code jm.core.command} (which builds on this).
 */
package jm.core.offer;
