package jm.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The project's one JSON string escaper against Python's {@code json.dumps(ensure_ascii=True)}:
 * the expected strings below are what CPython 3 printed for the same input.
 */
class WireJsonEscapeTest {
    /** {@code json.dumps("".join(chr(i) for i in range(128)))}. */
    private static final String PY_ALL_ASCII = "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f !\\\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\\u007f\"";
    /** {@code json.dumps("caf\u00e9 \u20ac \U0001F600 \u0100\uffff")}. */
    private static final String PY_NON_ASCII = "\"caf\\u00e9 \\u20ac \\ud83d\\ude00 \\u0100\\uffff\"";

    @Test
    void everyAsciiCharacterIncludingDelIsEscapedAsPythonDoes() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 128; c++) {
            all.append(c);
        }
        assertThat(WireJson.quote(all.toString())).isEqualTo(PY_ALL_ASCII);
    }

    @Test
    void delAndControlCharactersUseLowercaseUnicodeEscapes() {
        assertThat(WireJson.appendEscaped(new StringBuilder(), "a\u007fb").toString()).isEqualTo("a\\u007fb");
        assertThat(WireJson.appendEscaped(new StringBuilder(), "\u001b[0m\u0000").toString())
                .isEqualTo("\\u001b[0m\\u0000");
        assertThat(Envelope.of(MessageType.PUBMSG, "a\u007fb").toJson())
                .isEqualTo("{\"type\": 687, \"line\": \"a\\u007fb\"}");
    }

    @Test
    void nonAsciiBecomesUnicodeEscapesWithSurrogatePairsBeyondTheBmp() {
        String s = "caf\u00e9 \u20ac " + new String(Character.toChars(0x1F600)) + " \u0100\uffff";
        assertThat(WireJson.quote(s)).isEqualTo(PY_NON_ASCII);
    }
}
