package org.tsbase.support.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Real RS256 tokens for tests: a key pair made once per JVM, its public key written as PEM where
 * {@code spring.security.oauth2.resourceserver.jwt.public-key-location} can read it.
 */
public final class TestTokens {

    private static final KeyPair KEYS = rsa();
    private static final KeyPair FOREIGN = rsa();
    private static final Path PUBLIC_PEM = writePem(KEYS);

    private TestTokens() {
    }

    /** {@code file:/...pem}, the value for {@code ...jwt.public-key-location}. */
    public static String publicKeyLocation() {
        return PUBLIC_PEM.toUri().toString();
    }

    public static String applicant(String creditCode) {
        return token("APPLICANT", creditCode);
    }

    public static String token(String role, String org) {
        return sign(KEYS, claims(role, org, Instant.now().plus(Duration.ofHours(1))));
    }

    public static String expired(String role, String org) {
        return sign(KEYS, claims(role, org, Instant.now().minus(Duration.ofMinutes(10))));
    }

    public static String signedByAnotherKey(String role, String org) {
        return sign(FOREIGN, claims(role, org, Instant.now().plus(Duration.ofHours(1))));
    }

    public static String unsigned(String role, String org) {
        return new PlainJWT(claims(role, org, Instant.now().plus(Duration.ofHours(1)))).serialize();
    }

    public static String withAudience(String role, String audience) {
        JWTClaimsSet c = new JWTClaimsSet.Builder(claims(role, null, Instant.now().plus(Duration.ofHours(1))))
                .audience(audience).build();
        return sign(KEYS, c);
    }

    private static JWTClaimsSet claims(String role, String org, Instant expires) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .subject(role.toLowerCase() + "-" + (org == null ? "user" : org))
                .issuer("tsbase-test")
                .audience("tsbase")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(new Date())
                .expirationTime(Date.from(expires))
                .claim("roles", List.of(role))
                .claim("name", role.toLowerCase());
        if (org != null) {
            b.claim("org", org);
        }
        return b.build();
    }

    private static String sign(KeyPair keys, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                    claims);
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePem(KeyPair keys) {
        try {
            Path file = Files.createTempFile("tsbase-test-jwt", ".pem");
            file.toFile().deleteOnExit();
            String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded());
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
