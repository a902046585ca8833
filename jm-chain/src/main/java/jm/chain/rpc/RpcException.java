package jm.chain.rpc;

import jm.chain.ChainException;

/** The node answered a call with a JSON-RPC error (Bitcoin Core's code and message). */
public class RpcException extends ChainException {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final String rpcMessage;

    public RpcException(String method, int code, String rpcMessage) {
        super(method + " failed (" + code + "): " + rpcMessage);
        this.code = code;
        this.rpcMessage = rpcMessage;
    }

    public int code() {
        return code;
    }

    public String rpcMessage() {
        return rpcMessage;
    }
}
