package jm.chain.regtest;

import java.util.Optional;
import jm.chain.DescriptorChecksum;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

/** scriptPubKey helpers: regtest addresses and Core's script type names. */
final class Scripts {
    private Scripts() {
    }

    /** The regtest address of a standard output script. */
    static Optional<String> address(byte[] spk) {
        try {
            return Optional.of(Script.parse(spk).getToAddress(BitcoinNetwork.REGTEST).toString());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Parses a regtest address into its output script. */
    static byte[] scriptOf(String address) throws RpcError {
        try {
            Address a = AddressParser.getDefault(BitcoinNetwork.REGTEST).parseAddress(address);
            return ScriptBuilder.createOutputScript(a).program();
        } catch (RuntimeException e) {
            throw new RpcError(RpcError.INVALID_ADDRESS_OR_KEY, "Invalid address");
        }
    }

    /** Core's {@code scriptPubKey.type}. */
    static String type(byte[] s) {
        int n = s.length;
        if (n == 22 && s[0] == 0 && s[1] == 20) {
            return "witness_v0_keyhash";
        }
        if (n == 34 && s[0] == 0 && s[1] == 32) {
            return "witness_v0_scripthash";
        }
        if (n == 34 && s[0] == 0x51 && s[1] == 32) {
            return "witness_v1_taproot";
        }
        if (n == 23 && s[0] == (byte) 0xa9 && s[1] == 20 && s[22] == (byte) 0x87) {
            return "scripthash";
        }
        if (n == 25 && s[0] == 0x76 && s[1] == (byte) 0xa9 && s[2] == 20 && s[23] == (byte) 0x88
                && s[24] == (byte) 0xac) {
            return "pubkeyhash";
        }
        if ((n == 35 && s[0] == 33 || n == 67 && s[0] == 65) && s[n - 1] == (byte) 0xac) {
            return "pubkey";
        }
        if (n >= 1 && s[0] == 0x6a) {
            return "nulldata";
        }
        if (n >= 4 && n <= 42 && (s[0] == 0 || (s[0] >= 0x51 && s[0] <= 0x60)) && s[1] == n - 2) {
            return "witness_unknown";
        }
        return "nonstandard";
    }

    /** Core's inferred descriptor for a script nobody in the node has keys for. */
    static String inferredDescriptor(byte[] spk) {
        String body = address(spk).map(a -> "addr(" + a + ")")
                .orElse("raw(" + java.util.HexFormat.of().formatHex(spk) + ")");
        return DescriptorChecksum.append(body);
    }
}
