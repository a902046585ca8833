package jm.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConnTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void fastPathReadsPlainJsonDumpsEnvelopes() {
        assertThat(Conn.fastLine(b("{\"type\": 687, \"line\": \"J5abc!PUBLIC!orderbook\"}")))
                .isEqualTo("J5abc!PUBLIC!orderbook");
    }

    @Test
    void fastPathDeclinesEscapesOtherLayoutsAndNonAscii() {
        assertThat(Conn.fastLine(b("{\"type\": 795, \"line\": \"{\\\"a\\\": 1}\"}"))).isNull();
        assertThat(Conn.fastLine(b("{\"line\": \"J5abc!PUBLIC!orderbook\", \"type\": 687}"))).isNull();
        assertThat(Conn.fastLine(b("{\"type\":687,\"line\":\"J5abc!PUBLIC!orderbook\"}"))).isNull();
        assertThat(Conn.fastLine(b("{\"type\": 687, \"line\": \"J5ab\u00e9c!PUBLIC!orderbook\"}"))).isNull();
    }
}
