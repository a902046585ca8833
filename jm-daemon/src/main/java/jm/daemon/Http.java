package jm.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Function;

/** A request and its answer, free of any server library: the routes are tested without sockets too. */
final class Http {
    private Http() {
    }

    /** {@code header} looks a header up case-insensitively (null if absent). */
    record Request(String method, String path, Function<String, String> header, byte[] body) {
        @Override
        public String toString() {
            return method + " " + path; // headers and body may hold tokens or passwords
        }
    }

    record Response(int status, JsonNode body, Map<String, String> headers) {
        static Response ok(JsonNode body) {
            return new Response(200, body, Map.of());
        }

        static Response of(int status, ObjectNode body) {
            return new Response(status, body, Map.of());
        }
    }
}
