package org.tsbase.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The stack's RSA signing key pair, created once under {@code <data>/keys/} and reused afterwards:
 * {@code jwt-private.pem} (PKCS#8 "PRIVATE KEY") and {@code jwt-public.pem} (X.509 "PUBLIC KEY", the format Spring's
 * {@code spring.security.oauth2.resourceserver.jwt.public-key-location} reads).
 */
public final class JwtKeys {
    public static final String PRIVATE_KEY_FILE = "jwt-private.pem";
    public static final String PUBLIC_KEY_FILE = "jwt-public.pem";

    private final RSAPublicKey publicKey;
    private final RSAPrivateKey privateKey;
    private final Path publicKeyFile;

    private JwtKeys(RSAPublicKey publicKey, RSAPrivateKey privateKey, Path publicKeyFile) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** Loads the key pair from {@code keyDir}, creating it on first use. */
    public static synchronized JwtKeys loadOrCreate(Path keyDir) {
        Path privateFile = keyDir.resolve(PRIVATE_KEY_FILE);
        Path publicFile = keyDir.resolve(PUBLIC_KEY_FILE);
        try {
            Files.createDirectories(keyDir);
            if (!Files.exists(privateFile)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                writePem(privateFile, "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
                writePem(publicFile, "PUBLIC KEY", pair.getPublic().getEncoded(), false);
            }
            KeyFactory factory = KeyFactory.getInstance("RSA");
            RSAPrivateKey privateKey = (RSAPrivateKey) factory.generatePrivate(
                    new PKCS8EncodedKeySpec(readPem(privateFile, "PRIVATE KEY")));
            RSAPublicKey publicKey;
            if (Files.exists(publicFile)) {
                publicKey = (RSAPublicKey) factory.generatePublic(
                        new X509EncodedKeySpec(readPem(publicFile, "PUBLIC KEY")));
            } else {
                // someone deleted only the public half: it follows from the private key
                RSAPrivateCrtKey crt = (RSAPrivateCrtKey) privateKey;
                publicKey = (RSAPublicKey) factory.generatePublic(
                        new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
                writePem(publicFile, "PUBLIC KEY", publicKey.getEncoded(), false);
            }
            if (!matches(publicKey, privateKey)) {
                throw new IllegalStateException(publicFile + " does not belong to " + privateFile
                        + ": delete both to create a new key pair");
            }
            return new JwtKeys(publicKey, privateKey, publicFile.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write the key pair in " + keyDir, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Unreadable key pair in " + keyDir + ": " + e.getMessage()
                    + " (delete the folder to create a new one)", e);
        }
    }

    private static boolean matches(RSAPublicKey publicKey, RSAPrivateKey privateKey) {
        if (!publicKey.getModulus().equals(privateKey.getModulus())) {
            return false;
        }
        BigInteger probe = BigInteger.valueOf(42);
        BigInteger signed = probe.modPow(privateKey.getPrivateExponent(), privateKey.getModulus());
        return signed.modPow(publicKey.getPublicExponent(), publicKey.getModulus()).equals(probe);
    }

    private static void writePem(Path file, String type, byte[] der, boolean secret) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        String pem = "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            if (secret) {
                restrictToOwner(temp);
            }
            Files.writeString(temp, pem, StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's permissions have to do
        }
    }

    private static byte[] readPem(Path file, String type) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(file + " is not a PEM file of type " + type);
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    public RSAPrivateKey privateKey() {
        return privateKey;
    }

    /** Absolute path of {@code jwt-public.pem}. */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** {@code file:/abs/path/jwt-public.pem}: the value for Spring's {@code public-key-location}. */
    public String publicKeyLocation() {
        return "file:" + publicKeyFile;
    }
}
