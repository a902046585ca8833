package jm.chain.regtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bitcoinj.base.Sha256Hash;

/** Positional parameters of one call (named parameters are mapped to positions first). */
final class Params {
    private final List<JsonNode> values;
    private final List<String> names;

    private Params(List<JsonNode> values, List<String> names) {
        this.values = values;
        this.names = names;
    }

    /** From a JSON-RPC {@code params} value: absent, an array, or an object of named parameters. */
    static Params of(JsonNode params, List<String> names) throws RpcError {
        List<JsonNode> values = new ArrayList<>();
        if (params == null || params.isNull()) {
            return new Params(values, names);
        }
        if (params.isArray()) {
            params.forEach(values::add);
            if (values.size() > names.size()) {
                throw new RpcError(RpcError.MISC_ERROR, "too many parameters (" + values.size() + " > "
                        + names.size() + ")");
            }
            return new Params(values, names);
        }
        if (params.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int pos = names.indexOf(e.getKey());
                if (pos < 0) {
                    throw new RpcError(RpcError.INVALID_PARAMETER, "Unknown named parameter " + e.getKey());
                }
                while (values.size() <= pos) {
                    values.add(null);
                }
                values.set(pos, e.getValue());
            }
            return new Params(values, names);
        }
        throw new RpcError(RpcError.INVALID_REQUEST, "Params must be an array or object");
    }

    boolean has(int i) {
        return i < values.size() && values.get(i) != null && !values.get(i).isNull();
    }

    JsonNode raw(int i) {
        return has(i) ? values.get(i) : null;
    }

    private JsonNode required(int i) throws RpcError {
        if (!has(i)) {
            throw new RpcError(RpcError.MISC_ERROR, "Missing required parameter " + (i < names.size()
                    ? "'" + names.get(i) + "'" : "#" + i));
        }
        return values.get(i);
    }

    String str(int i) throws RpcError {
        JsonNode n = required(i);
        if (!n.isTextual()) {
            throw wrongType(i, n, "string");
        }
        return n.asText();
    }

    String str(int i, String dflt) throws RpcError {
        return has(i) ? str(i) : dflt;
    }

    long lng(int i) throws RpcError {
        JsonNode n = required(i);
        if (!n.isNumber()) {
            throw wrongType(i, n, "number");
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new RpcError(RpcError.MISC_ERROR, "JSON integer out of range");
        }
        return n.asLong();
    }

    long lng(int i, long dflt) throws RpcError {
        return has(i) ? lng(i) : dflt;
    }

    int integer(int i, int dflt) throws RpcError {
        long v = lng(i, dflt);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new RpcError(RpcError.MISC_ERROR, "JSON integer out of range"); // UniValue's getInt<int>
        }
        return (int) v;
    }

    boolean bool(int i, boolean dflt) throws RpcError {
        if (!has(i)) {
            return dflt;
        }
        JsonNode n = values.get(i);
        if (!n.isBoolean()) {
            throw wrongType(i, n, "bool");
        }
        return n.asBoolean();
    }

    /** An amount in BTC (number or numeric string) as satoshis. */
    long amount(int i) throws RpcError {
        return amountOf(required(i));
    }

    /** A BTC amount (number or numeric string) as satoshis, with Core's errors. */
    static long amountOf(JsonNode n) throws RpcError {
        BigDecimal btc;
        try {
            btc = n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText());
        } catch (NumberFormatException e) {
            throw new RpcError(RpcError.TYPE_ERROR, "Invalid amount");
        }
        try {
            long sats = btc.movePointRight(8).longValueExact();
            if (sats < 0 || sats > TxPolicy.MAX_MONEY) {
                throw new RpcError(RpcError.TYPE_ERROR, "Amount out of range");
            }
            return sats;
        } catch (ArithmeticException e) {
            throw new RpcError(RpcError.TYPE_ERROR, "Invalid amount");
        }
    }

    /** UniValue's type error, as a method's own checks raise it. */
    static RpcError typeError(JsonNode n, String expected) {
        return new RpcError(RpcError.TYPE_ERROR, typeMessage(n, expected));
    }

    /**
     * Core's check of a declared parameter type before the method runs: {@code Wrong type passed:}
     * and a JSON object (4-space indent) naming the position and parameter.
     */
    RpcError wrongType(int i, JsonNode n, String expected) {
        return new RpcError(RpcError.TYPE_ERROR, "Wrong type passed:\n{\n    \"Position " + (i + 1) + " ("
                + (i < names.size() ? names.get(i) : "") + ")\": \"" + typeMessage(n, expected) + "\"\n}");
    }

    private static String typeMessage(JsonNode n, String expected) {
        String got = n.isTextual() ? "string" : n.isNumber() ? "number" : n.isBoolean() ? "bool"
                : n.isArray() ? "array" : n.isObject() ? "object" : "null";
        return "JSON value of type " + got + " is not of expected type " + expected;
    }

    /** A declared array parameter (Core checks the type before the method runs). */
    JsonNode array(int i) throws RpcError {
        JsonNode n = required(i);
        if (!n.isArray()) {
            throw wrongType(i, n, "array");
        }
        return n;
    }

    Sha256Hash hash(int i, String what) throws RpcError {
        String s = str(i);
        if (s.length() != 64) {
            throw new RpcError(RpcError.INVALID_PARAMETER, what + " must be of length 64 (not " + s.length()
                    + ", for '" + s + "')");
        }
        if (!s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new RpcError(RpcError.INVALID_PARAMETER, what + " must be hexadecimal string (not '" + s + "')");
        }
        return Sha256Hash.wrap(s.toLowerCase(Locale.ROOT));
    }

    /** A descriptor range parameter: end or [begin,end], checked as Core does. */
    static int[] range(JsonNode r, boolean ranged) throws RpcError {
        if (!ranged) {
            if (r != null && !r.isNull()) {
                throw new RpcError(RpcError.INVALID_PARAMETER, "Range should not be specified for an un-ranged descriptor");
            }
            return new int[] {0, 0};
        }
        if (r == null || r.isNull()) {
            throw new RpcError(RpcError.INVALID_PARAMETER, "Range must be specified for a ranged descriptor");
        }
        long lo;
        long hi;
        if (r.isIntegralNumber()) {
            lo = 0;
            hi = r.asLong();
        } else if (r.isArray() && r.size() == 2 && r.get(0).isIntegralNumber() && r.get(1).isIntegralNumber()) {
            lo = r.get(0).asLong();
            hi = r.get(1).asLong();
        } else {
            throw new RpcError(RpcError.INVALID_PARAMETER, "Range must be specified as end or as [begin,end]");
        }
        if (lo < 0 || hi < 0) {
            throw new RpcError(RpcError.INVALID_PARAMETER, "Range should be greater or equal than 0");
        }
        if (hi < lo) {
            throw new RpcError(RpcError.INVALID_PARAMETER, "Range specified as [begin,end] must not have begin after end");
        }
        if (hi >= 0x7fffffffL || hi - lo >= 1_000_000) {
            throw new RpcError(RpcError.INVALID_PARAMETER, "Range is too large");
        }
        return new int[] {(int) lo, (int) hi};
    }
}
