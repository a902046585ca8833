package jm.directory.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import jm.core.ProtocolException;
import jm.core.wire.MessageType;
import org.junit.jupiter.api.Test;

class FramesTest {
    private final Frames frames = new Frames(10);

    private Frames.Decoded decode(String s) throws ProtocolException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return frames.decode(b, 0, b.length);
    }

    @Test
    void encodesLikePythonJsonDumpsWithAsciiEscapes() {
        // json.dumps({"type": 685, "line": 'a"b\\c\u00e9\u20ac\n\x01\x7f'}) escapes DEL too
        String out = new String(Frames.encode(MessageType.PRIVMSG, "a\"b\\c\u00e9\u20ac\n\u0001\u007f"),
                StandardCharsets.US_ASCII);
        assertThat(out).isEqualTo("{\"type\": 685, \"line\": \"a\\\"b\\\\c\\u00e9\\u20ac\\n\\u0001\\u007f\"}\r\n");
    }

    @Test
    void decodesTypeAndLineIgnoringExtraKeysAndOrder() throws Exception {
        Frames.Decoded d = decode("{\"extra\": [1, {\"x\": 2}], \"line\": \"J5x!PUBLIC!orderbook\", \"type\": 687}");
        assertThat(d.type()).isEqualTo(687);
        assertThat(d.line()).isEqualTo("J5x!PUBLIC!orderbook");
    }

    @Test
    void rejectsNonIntegerTypeMissingFieldsDuplicatesAndTrailingData() {
        assertThatThrownBy(() -> decode("{\"type\": \"685\", \"line\": \"\"}")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> decode("{\"type\": 685.0, \"line\": \"\"}")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> decode("{\"type\": 99999999999, \"line\": \"\"}")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> decode("{\"line\": \"\"}")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> decode("{\"type\": 685}")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> decode("{\"type\": 685, \"line\": 5}")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> decode("{\"type\": 685, \"type\": 687, \"line\": \"\"}"))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> decode("{\"type\": 685, \"line\": \"\"} {}")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> decode("[1]")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> decode("")).isInstanceOf(ProtocolException.class);
    }

    @Test
    void rejectsJsonNestedDeeperThanTheLimit() {
        String bomb = "{\"type\": 685, \"line\": \"\", \"x\": " + "[".repeat(11) + "]".repeat(11) + "}";
        assertThatThrownBy(() -> decode(bomb)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.reason()).isEqualTo(ProtocolException.Reason.OVERSIZED));
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] b = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '1', ',', '"', 'l', 'i', 'n', 'e', '"', ':', '"',
            (byte) 0xc3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> frames.decode(b, 0, b.length)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void packsDepartureEntriesUnderTheLineLimit() {
        java.util.List<String> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            entries.add("J5AAAAAAAAAAAAA" + (i % 10) + ";127.0.0.1:" + (10_000 + i) + ";D");
        }
        java.util.List<byte[]> packed = PeerlistFormat.pack(entries, 39_000);
        assertThat(packed).hasSizeBetween(1, 3);
        for (byte[] f : packed) {
            assertThat(f.length - 2).isLessThanOrEqualTo(Frames.MAX_SEND_LINE_BYTES);
        }
    }
}
