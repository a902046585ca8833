package jm.chain.rpc;

import jm.chain.ChainException;

/** The node answered a call with a JSON-RPC error (Bitcoin Core's code and message). */
public class RpcException extends ChainException {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final String rpcMessage;
    private final int httpStatus;

    public RpcException(String method, int code, String rpcMessage) {
        this(method, code, rpcMessage, 0);
    }

    /** @param httpStatus the HTTP status the error came with (0 if unknown) */
    public RpcException(String method, int code, String rpcMessage, int httpStatus) {
        super(method + " failed (" + code + "): " + rpcMessage);
        this.code = code;
        this.rpcMessage = rpcMessage;
        this.httpStatus = httpStatus;
    }

    /** HTTP status of the answer (Core: 500 for JSON-RPC 1.0 errors, 404 for -32601), 0 if unknown. */
    public int httpStatus() {
        return httpStatus;
    }

    public int code() {
        return code;
    }

    public String rpcMessage() {
        return rpcMessage;
    }
}
