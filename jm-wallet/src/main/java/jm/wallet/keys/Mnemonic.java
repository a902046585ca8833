package jm.wallet.keys;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bitcoinj.crypto.MnemonicCode;
import org.bitcoinj.crypto.MnemonicException;

/**
 * A BIP39 mnemonic (English word list) whose checksum has been verified. Secret: its
 * {@link #toString()} is redacted.
 */
public final class Mnemonic {
    private final List<String> words;

    private Mnemonic(List<String> words) {
        this.words = List.copyOf(words);
    }

    /**
     * Parses a phrase typed or pasted by a user: any whitespace between words, any case,
     * NFKD-normalised. Accepts 12, 15, 18, 21 or 24 words.
     *
     * @throws InvalidMnemonicException naming what is wrong (count, unknown word, checksum)
     */
    public static Mnemonic parse(String phrase) {
        if (phrase == null) {
            throw new InvalidMnemonicException("no mnemonic given");
        }
        String norm = Normalizer.normalize(phrase, Normalizer.Form.NFKD).strip().toLowerCase(Locale.ROOT);
        if (norm.isEmpty()) {
            throw new InvalidMnemonicException("empty mnemonic");
        }
        List<String> words = Arrays.asList(norm.split("\\s+"));
        int n = words.size();
        if (n < 12 || n > 24 || n % 3 != 0) {
            throw new InvalidMnemonicException("a mnemonic has 12, 15, 18, 21 or 24 words, got " + n);
        }
        try {
            MnemonicCode.INSTANCE.check(words);
        } catch (MnemonicException.MnemonicWordException e) {
            throw new InvalidMnemonicException("word " + (words.indexOf(e.badWord) + 1)
                    + " is not in the BIP39 English word list");
        } catch (MnemonicException.MnemonicChecksumException e) {
            throw new InvalidMnemonicException("mnemonic checksum does not match (a word is wrong or misplaced)");
        } catch (MnemonicException e) {
            throw new InvalidMnemonicException("invalid mnemonic: " + e.getClass().getSimpleName());
        }
        return new Mnemonic(words);
    }

    /** A new random mnemonic of 12 or 24 words. */
    public static Mnemonic generate(SecureRandom random, int wordCount) {
        if (wordCount != 12 && wordCount != 24) {
            throw new IllegalArgumentException("word count must be 12 or 24");
        }
        byte[] entropy = new byte[wordCount == 12 ? 16 : 32];
        random.nextBytes(entropy);
        try {
            return new Mnemonic(MnemonicCode.INSTANCE.toMnemonic(entropy));
        } finally {
            Arrays.fill(entropy, (byte) 0);
        }
    }

    /** From BIP39 entropy (16..32 bytes, multiple of 4). */
    public static Mnemonic fromEntropy(byte[] entropy) {
        return new Mnemonic(MnemonicCode.INSTANCE.toMnemonic(entropy.clone()));
    }

    public List<String> words() {
        return words;
    }

    /** The words joined by single spaces. Secret. */
    public String phrase() {
        return String.join(" ", words);
    }

    public int size() {
        return words.size();
    }

    /** The 64-byte BIP39 seed: PBKDF2-HMAC-SHA512(NFKD words, "mnemonic" + NFKD passphrase). */
    public byte[] toSeed(Passphrase passphrase) {
        String pass = Normalizer.normalize(passphrase.value(), Normalizer.Form.NFKD);
        return MnemonicCode.toSeed(words, pass);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mnemonic m && m.words.equals(words);
    }

    @Override
    public int hashCode() {
        return words.hashCode();
    }

    @Override
    public String toString() {
        return "Mnemonic[" + words.size() + " words, redacted]";
    }
}
