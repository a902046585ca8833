package jm.chain.regtest;

/** An output as the chain knows it: value, script, height (-1 = created by a mempool transaction). */
record Coin(long value, byte[] spk, int height, boolean coinbase) {
}
