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

    /** Core's {@code ScriptToAsmStr} (no sighash decoding, as for scriptPubKeys). */
    static String asm(byte[] s) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length) {
            if (b.length() > 0) {
                b.append(' ');
            }
            int op = s[i++] & 0xff;
            if (op <= 0x4e) {
                int len;
                if (op < 0x4c) {
                    len = op;
                } else {
                    int width = op == 0x4c ? 1 : op == 0x4d ? 2 : 4;
                    if (i + width > s.length) {
                        b.append("[error]");
                        break;
                    }
                    len = 0;
                    for (int k = width - 1; k >= 0; k--) {
                        len = len << 8 | s[i + k] & 0xff;
                    }
                    i += width;
                }
                if (len < 0 || i + len > s.length) {
                    b.append("[error]");
                    break;
                }
                byte[] data = java.util.Arrays.copyOfRange(s, i, i + len);
                i += len;
                b.append(len <= 4 ? String.valueOf(scriptNum(data)) : java.util.HexFormat.of().formatHex(data));
            } else {
                b.append(opName(op));
            }
        }
        return b.toString();
    }

    private static long scriptNum(byte[] d) {
        if (d.length == 0) {
            return 0;
        }
        long v = 0;
        for (int k = 0; k < d.length; k++) {
            v |= (long) (d[k] & 0xff) << (8 * k);
        }
        if ((d[d.length - 1] & 0x80) != 0) {
            return -(v & ~(0x80L << (8 * (d.length - 1))));
        }
        return v;
    }

    private static String opName(int op) {
        if (op >= 0x51 && op <= 0x60) {
            return String.valueOf(op - 0x50);
        }
        return switch (op) {
            case 0x4f -> "-1";
            case 0x6a -> "OP_RETURN";
            case 0x76 -> "OP_DUP";
            case 0x87 -> "OP_EQUAL";
            case 0x88 -> "OP_EQUALVERIFY";
            case 0xa9 -> "OP_HASH160";
            case 0xa8 -> "OP_SHA256";
            case 0xac -> "OP_CHECKSIG";
            case 0xad -> "OP_CHECKSIGVERIFY";
            case 0xae -> "OP_CHECKMULTISIG";
            case 0xb1 -> "OP_CHECKLOCKTIMEVERIFY";
            case 0xb2 -> "OP_CHECKSEQUENCEVERIFY";
            case 0x75 -> "OP_DROP";
            case 0x69 -> "OP_VERIFY";
            case 0x61 -> "OP_NOP";
            case 0x63 -> "OP_IF";
            case 0x64 -> "OP_NOTIF";
            case 0x67 -> "OP_ELSE";
            case 0x68 -> "OP_ENDIF";
            default -> "OP_UNKNOWN";
        };
    }
}
