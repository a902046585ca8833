package jm.maker.bot;

import java.security.SecureRandom;
import jm.core.ProtocolException;
import jm.core.crypto.BoxChannel;
import jm.core.crypto.BoxKeyPair;
import jm.maker.session.SessionCipher;

/** A session's NaCl box: our fresh key pair for this {@code !fill} and the taker's key (toString shows our public key only). */
record BoxSessionCipher(BoxKeyPair own, BoxChannel channel, SecureRandom random) implements SessionCipher {

    @Override
    public String ownPublicKeyHex() {
        return own.publicKeyHex();
    }

    @Override
    public String encrypt(String plaintext) {
        return channel.encrypt(plaintext, random);
    }

    @Override
    public String decrypt(String base64) throws ProtocolException {
        return channel.decrypt(base64);
    }

    @Override
    public String toString() {
        return "BoxSessionCipher[" + own.publicKeyHex() + "]";
    }
}
