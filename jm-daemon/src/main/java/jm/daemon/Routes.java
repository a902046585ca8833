package jm.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Method + path templates ({@code {name}} = one path segment) to handlers; also the openapi.json. */
final class Routes {
    interface Handler {
        Http.Response handle(Http.Request request, List<String> params);
    }

    record Route(String method, String template, String operationId, Handler handler) {
        List<String> match(String method, String[] segments) {
            String[] t = template.substring(1).split("/", -1);
            if (!this.method.equals(method) || t.length != segments.length) {
                return null;
            }
            List<String> params = new ArrayList<>();
            for (int i = 0; i < t.length; i++) {
                if (t[i].startsWith("{")) {
                    params.add(URLDecoder.decode(segments[i], StandardCharsets.UTF_8));
                } else if (!t[i].equals(segments[i])) {
                    return null;
                }
            }
            return params;
        }
    }

    private final List<Route> routes = new ArrayList<>();

    Routes add(String method, String template, String operationId, Handler handler) {
        routes.add(new Route(method, template, operationId, handler));
        return this;
    }

    /** The answer, or a 404 (unknown path) / 405 (known path, other method). */
    Http.Response dispatch(Http.Request request) {
        String path = request.path();
        String[] segments = (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
        boolean pathKnown = false;
        for (Route r : routes) {
            List<String> params = r.match(request.method(), segments);
            if (params != null) {
                return r.handler().handle(request, params);
            }
            pathKnown |= r.match(r.method(), segments) != null;
        }
        if (pathKnown) {
            throw new ApiException(405, "Method not allowed.");
        }
        throw ApiException.notFound("Not found: " + path);
    }

    /** An OpenAPI 3 document naming every path and method served. */
    ObjectNode openApi(String version) {
        ObjectNode doc = WalletViews.JSON.createObjectNode();
        doc.put("openapi", "3.0.3");
        doc.putObject("info").put("title", "joinmarket-java wallet daemon (jmwalletd-compatible)")
                .put("version", version);
        doc.putArray("servers").addObject().put("url", "/");
        ObjectNode paths = doc.putObject("paths");
        for (Route r : routes) {
            ObjectNode p = paths.has(r.template()) ? (ObjectNode) paths.get(r.template()) : paths.putObject(r.template());
            ObjectNode op = p.putObject(r.method().toLowerCase(java.util.Locale.ROOT));
            op.put("operationId", r.operationId());
            var params = op.putArray("parameters");
            for (String seg : r.template().split("/")) {
                if (seg.startsWith("{")) {
                    params.addObject().put("name", seg.substring(1, seg.length() - 1)).put("in", "path")
                            .put("required", true).putObject("schema").put("type", "string");
                }
            }
            op.putObject("responses").putObject("200").put("description", "see the reference's wallet-rpc.yaml");
        }
        return doc;
    }
}
