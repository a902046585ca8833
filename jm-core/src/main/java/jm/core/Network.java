package jm.core;

import java.util.Locale;
import java.util.Optional;
import org.bitcoinj.base.BitcoinNetwork;

/**
 * A Bitcoin chain: address encoding, BIP44 coin type and the default name announced in
 * handshakes.
 *
 * <p>The name announced on the wire ({@code network} handshake field) is configured
 * independently of the chain (PROTOCOL.md 12.5): reference regtest peers announce
 * {@code testnet} while using regtest addresses; NG announces its {@code network} setting, which
 * its regtest setups that talk to reference peers set to {@code testnet}. So by default a
 * regtest chain announces {@code testnet} ({@link #defaultAnnouncedName()}).
 */
public enum Network {
    MAINNET("mainnet", 0, "bc", BitcoinNetwork.MAINNET),
    TESTNET("testnet", 1, "tb", BitcoinNetwork.TESTNET),
    SIGNET("signet", 1, "tb", BitcoinNetwork.SIGNET),
    REGTEST("regtest", 1, "bcrt", BitcoinNetwork.REGTEST);

    private final String wireName;
    private final int coinType;
    private final String bech32Hrp;
    private final BitcoinNetwork bitcoinj;

    Network(String wireName, int coinType, String bech32Hrp, BitcoinNetwork bitcoinj) {
        this.wireName = wireName;
        this.coinType = coinType;
        this.bech32Hrp = bech32Hrp;
        this.bitcoinj = bitcoinj;
    }

    /** This chain's name: {@code mainnet}, {@code testnet}, {@code signet} or {@code regtest}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The network name announced in handshakes for this chain when none is configured: the
     * chain's own name, except {@code testnet} for regtest (the reference can announce nothing
     * else on regtest, and NG's regtest setups announce {@code testnet} to talk to it).
     */
    public String defaultAnnouncedName() {
        return this == REGTEST ? TESTNET.wireName : wireName;
    }

    /** BIP44 coin type: 0 on mainnet, 1 on every test chain. */
    public int coinType() {
        return coinType;
    }

    public String bech32Hrp() {
        return bech32Hrp;
    }

    public BitcoinNetwork bitcoinj() {
        return bitcoinj;
    }

    /** Parses {@code mainnet|testnet|signet|regtest} (exact lowercase, as on the wire). */
    public static Optional<Network> fromWireName(String name) {
        for (Network n : values()) {
            if (n.wireName.equals(name)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** Parses a user-supplied name, case-insensitively; also accepts {@code main}/{@code test}. */
    public static Network parseUserInput(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "main": return MAINNET;
            case "test": case "testnet3": case "testnet4": return TESTNET;
            default:
                return fromWireName(n).orElseThrow(() -> new IllegalArgumentException(
                        "unknown network '" + name + "': expected mainnet, testnet, signet or regtest"));
        }
    }
}
