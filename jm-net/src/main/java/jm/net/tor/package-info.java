/**
 * Tor integration: the control-port client (PROTOCOLINFO, AUTHENTICATE with SAFECOOKIE / COOKIE /
 * password / none, ADD_ONION / DEL_ONION with optional proof-of-work defence), onion service keys
 * (secrets, persisted 0600) and SOCKS stream isolation credentials per connection purpose.
 *
 * <p>The control client uses a blocking socket: call it from a worker thread, never from a Netty
 * event loop. Must not import {@code jm.net.channel}. Never logs keys, cookies or passwords.
 */
package jm.net.tor;
