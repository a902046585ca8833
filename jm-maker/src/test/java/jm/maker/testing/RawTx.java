package jm.maker.testing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import jm.core.OutPoint;

/**
 * A test-only transaction builder that serialises anything, including what no library would
 * build (version 0, negative values, witnesses on unsigned inputs, trailing bytes).
 */
public final class RawTx {
    public long version = 2;
    public long lockTime = 0;
    public final List<In> inputs = new ArrayList<>();
    public final List<Out> outputs = new ArrayList<>();
    public boolean forceSegwit;

    public static final class In {
        public OutPoint outpoint;
        public long sequence = 0xFFFF_FFFEL;
        public byte[] scriptSig = new byte[0];
        public List<byte[]> witness = new ArrayList<>();

        public In(OutPoint outpoint) {
            this.outpoint = outpoint;
        }
    }

    public static final class Out {
        public long value;
        public byte[] script;

        public Out(long value, byte[] script) {
            this.value = value;
            this.script = script.clone();
        }
    }

    public RawTx in(OutPoint op) {
        inputs.add(new In(op));
        return this;
    }

    public RawTx out(long value, byte[] script) {
        outputs.add(new Out(value, script));
        return this;
    }

    public RawTx copy() {
        RawTx c = new RawTx();
        c.version = version;
        c.lockTime = lockTime;
        c.forceSegwit = forceSegwit;
        for (In i : inputs) {
            In n = new In(i.outpoint);
            n.sequence = i.sequence;
            n.scriptSig = i.scriptSig.clone();
            n.witness = new ArrayList<>(i.witness);
            c.inputs.add(n);
        }
        for (Out o : outputs) {
            c.outputs.add(new Out(o.value, o.script));
        }
        return c;
    }

    public byte[] serialize() {
        boolean segwit = forceSegwit || inputs.stream().anyMatch(i -> !i.witness.isEmpty());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        le(b, version, 4);
        if (segwit) {
            b.write(0);
            b.write(1);
        }
        varInt(b, inputs.size());
        for (In i : inputs) {
            b.writeBytes(i.outpoint.txid().serialize()); // internal byte order
            le(b, i.outpoint.vout(), 4);
            varInt(b, i.scriptSig.length);
            b.writeBytes(i.scriptSig);
            le(b, i.sequence, 4);
        }
        varInt(b, outputs.size());
        for (Out o : outputs) {
            le(b, o.value, 8);
            varInt(b, o.script.length);
            b.writeBytes(o.script);
        }
        if (segwit) {
            for (In i : inputs) {
                varInt(b, i.witness.size());
                for (byte[] w : i.witness) {
                    varInt(b, w.length);
                    b.writeBytes(w);
                }
            }
        }
        le(b, lockTime, 4);
        return b.toByteArray();
    }

    private static void le(ByteArrayOutputStream b, long v, int n) {
        for (int i = 0; i < n; i++) {
            b.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    private static void varInt(ByteArrayOutputStream b, long v) {
        if (v < 0xfd) {
            b.write((int) v);
        } else if (v <= 0xffff) {
            b.write(0xfd);
            le(b, v, 2);
        } else {
            b.write(0xfe);
            le(b, v, 4);
        }
    }
}
