package jm.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import jm.core.ProtocolException;
import jm.core.crypto.BoxChannel;
import jm.core.crypto.BoxKeyPair;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BoxBench {
    /** About the size of an !ioauth plaintext with two UTXOs. */
    private static final String PLAINTEXT = ("e8ccd905636321e8397ff0561ac11bf35892651847fb436b937a761c3df8a1df:1,"
            + "e8ccd905636321e8397ff0561ac11bf35892651847fb436b937a761c3df8a1df:2 "
            + "035152ebbad218621206dcf5995357c56af8ea643f273fa4932317b48c4bfcc180 "
            + "bc1qw2gec7kudehwj0ph7w2mc695n47va476udqmxu bc1qa0cm6vm86q3xdnwd6ltwfn2ykw4evz3j3je0nv "
            + "MEQCIAwE+ZL7NuGks59kYN9IcwM3SFno/n1IvEJ7n+ENRLxjAiAUP5+696LViETBSeIINUYsDDR388YZp0s0YMXGWIG9dw==");

    private final BoxKeyPair taker = BoxKeyPair.fromSecret(Fixtures.label("bench taker box"));
    private final BoxKeyPair maker = BoxKeyPair.fromSecret(Fixtures.label("bench maker box"));
    private final SecureRandom random = new SecureRandom();
    private BoxChannel atTaker;
    private BoxChannel atMaker;

    @Setup
    public void setUp() throws ProtocolException {
        atTaker = BoxChannel.of(taker, maker.publicKey());
        atMaker = BoxChannel.of(maker, taker.publicKey());
    }

    @Benchmark
    public String encryptDecryptPrecomputed() throws ProtocolException {
        return atMaker.decrypt(atTaker.encrypt(PLAINTEXT, random));
    }

    @Benchmark
    public String encryptDecryptWithoutPrecomputation() throws ProtocolException {
        String wire = BoxChannel.of(taker, maker.publicKey()).encrypt(PLAINTEXT, random);
        return BoxChannel.of(maker, taker.publicKey()).decrypt(wire);
    }
}
