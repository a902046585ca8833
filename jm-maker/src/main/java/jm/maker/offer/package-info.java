/**
 * The maker's offers: their construction from mixdepth balances (PROTOCOL.md 6.3: one fee model,
 * or dual offers split at the fee intersection; maxsize by the NG rule so that change stays at
 * least 27,301 sats; minsize; tx fee contribution; optional randomisation, off by default) and
 * the lookup of a current offer by oid. Pure: balances and randomness are parameters. Must not
 * import jm.net, jm.chain implementations or do I/O.
 */
package jm.maker.offer;
