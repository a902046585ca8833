package jm.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import jm.core.ProtocolException;

/**
 * The fuzz property of every parser: it returns a value or throws {@link ProtocolException}
 * (nothing else escapes), and a value it returns formats to text that parses to an equal value.
 */
public final class RoundTrip {
    private RoundTrip() {
    }

    /** A parser under test. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String text) throws ProtocolException;
    }

    /** A further check on a parsed value that may reject it with a typed error (a policy, a signature). */
    @FunctionalInterface
    public interface Check<T> {
        void check(T value) throws ProtocolException;
    }

    /** {@link #check(String, Parser, Function, Check)} without a further check. */
    public static <T> T check(String text, Parser<T> parse, Function<T, String> format) {
        return check(text, parse, format, v -> { });
    }

    /**
     * Parses {@code text}; when it parses, asserts that its formatting parses to an equal value and
     * runs {@code further} (a typed rejection there is fine). Returns the value, or null when rejected.
     */
    public static <T> T check(String text, Parser<T> parse, Function<T, String> format, Check<T> further) {
        T value;
        try {
            value = parse.parse(text);
            assertThat(parse.parse(format.apply(value))).isEqualTo(value);
        } catch (ProtocolException expected) {
            return null; // rejected
        }
        try {
            further.check(value);
        } catch (ProtocolException expected) {
            // rejected by the further check
        }
        return value;
    }
}
