package jm.daemon;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import jm.wallet.store.AtomicFiles;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The daemon's TLS identity in {@code <data-dir>/ssl/}: {@code cert.pem} and {@code key.pem}
 * (the reference's file names), created on first start as a self-signed ECDSA P-256 certificate
 * for localhost / 127.0.0.1 / ::1, valid 10 years. The key file is written 0600 (atomically).
 * A user may replace both files with a certificate of their own.
 */
public final class TlsFiles {
    private TlsFiles() {
    }

    public static Path certFile(Path dataDir) {
        return dataDir.resolve("ssl").resolve("cert.pem");
    }

    public static Path keyFile(Path dataDir) {
        return dataDir.resolve("ssl").resolve("key.pem");
    }

    /** Loads the certificate, creating it first if either file is missing. */
    public static SslContext serverContext(Path dataDir, SecureRandom random) throws IOException {
        Path cert = certFile(dataDir);
        Path key = keyFile(dataDir);
        if (!Files.isRegularFile(cert) || !Files.isRegularFile(key)) {
            create(cert, key, random);
        }
        return SslContextBuilder.forServer(cert.toFile(), key.toFile()).build();
    }

    /** A client TLS context trusting exactly this daemon's certificate (scripts, tests). */
    public static javax.net.ssl.SSLContext clientContext(Path dataDir) throws IOException {
        try (var in = Files.newInputStream(certFile(dataDir))) {
            java.security.KeyStore ks = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setCertificateEntry("jm-daemon",
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust " + certFile(dataDir) + ": " + e.getMessage(), e);
        }
    }

    static void create(Path cert, Path key, SecureRandom random) throws IOException {
        Path dir = cert.getParent();
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair kp = g.generateKeyPair();
            X500Name name = new X500Name("CN=joinmarket-java jm daemon");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(64, random),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
                    kp.getPublic());
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1")}));
            X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
            AtomicFiles.writePrivate(key, pem("PRIVATE KEY", kp.getPrivate().getEncoded()), false);
            Files.write(cert, pem("CERTIFICATE", holder.getEncoded()));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot create the TLS certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] pem(String type, byte[] der) {
        StringWriter w = new StringWriter();
        w.write("-----BEGIN " + type + "-----\n");
        w.write(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der));
        w.write("\n-----END " + type + "-----\n");
        return w.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
