package jm.chain.rpc;

import java.nio.file.Path;
import java.util.Objects;

/** How to authenticate to a Bitcoin Core RPC server. */
public sealed interface RpcAuth {

    /** Core's {@code .cookie} file ({@code __cookie__:<hex>}), re-read when the node restarts. */
    record CookieFile(Path path) implements RpcAuth {
        public CookieFile {
            Objects.requireNonNull(path, "cookie path");
        }
    }

    /** {@code rpcuser}/{@code rpcpassword} (or an {@code rpcauth} entry's password). */
    record UserPassword(String user, String password) implements RpcAuth {
        public UserPassword {
            if (user == null || user.isEmpty() || user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("rpc user must be non-empty and contain no ':'");
            }
            Objects.requireNonNull(password, "rpc password");
        }

        @Override
        public String toString() {
            return "UserPassword[user=" + user + ", password=<redacted>]";
        }
    }
}
