/** The Jam-compatible wallet daemon ({@code jm daemon}): HTTPS API, WebSocket, JWT auth. */
package jm.daemon;
