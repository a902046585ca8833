package jm.maker.session;

import jm.core.ProtocolException;

/** The NaCl box of one session, as the session needs it (adapted from jm-core's box channel). */
public interface SessionCipher {

    /** Our box public key, 64 lowercase hex chars, as sent in {@code !pubkey}. */
    String ownPublicKeyHex();

    /** Encrypts an ASCII plaintext to base64(nonce || mac || ciphertext) with a fresh nonce. */
    String encrypt(String plaintext);

    /** Decrypts a base64 wire ciphertext; fails on any tampering, wrong key or bad encoding. */
    String decrypt(String base64) throws ProtocolException;
}
