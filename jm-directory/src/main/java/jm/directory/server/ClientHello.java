package jm.directory.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.wire.Features;
import jm.core.wire.Location;
import jm.core.wire.NotServing;
import jm.core.wire.WireJson;

/**
 * The parts of a client HANDSHAKE (793, PROTOCOL.md 2.1) a directory needs, parsed from the
 * untrusted {@code line}. All seven keys must be present with the right JSON types; the
 * directory applies its own policy checks (app name, directory flag, version, network) after.
 */
record ClientHello(String appName, boolean directory, Location location, int protoVer, Features features,
        Nick nick, String network) {

    static ClientHello parse(String line) throws ProtocolException {
        ObjectNode o = WireJson.readObject(line, "handshake");
        String app = WireJson.requireString(o, "app-name", "handshake", 64);
        boolean dir = WireJson.requireBoolean(o, "directory", "handshake");
        String loc = WireJson.requireString(o, "location-string", "handshake", Location.MAX_BYTES);
        int ver = WireJson.requireInt(o, "proto-ver", "handshake");
        Features features = Features.fromJson(o.get("features"), "handshake.features");
        String nick = WireJson.requireString(o, "nick", "handshake", 64);
        String network = WireJson.requireString(o, "network", "handshake", 64);
        // an empty location is not compatible to send, but NG reads it as NOT-SERVING-ONION (1.4)
        Location location = loc.isEmpty() ? NotServing.INSTANCE : Location.parse(loc);
        return new ClientHello(app, dir, location, ver, features, Nick.parse(nick), network);
    }
}
