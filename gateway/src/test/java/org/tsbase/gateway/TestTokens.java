package org.tsbase.gateway;

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

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints tokens as the local stack does (RS256, iss tsbase-local, aud tsbase, roles), with the
 * public key written to a PEM file for {@code public-key-location}; and the bad kinds too.
 */
final class TestTokens {

    private final KeyPair trusted = rsaKeyPair();
    private final KeyPair stranger = rsaKeyPair();
    private final Path publicKeyPem;

    TestTokens() {
        try {
            publicKeyPem = Files.createTempFile("jwt-public", ".pem");
            publicKeyPem.toFile().deleteOnExit();
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(trusted.getPublic().getEncoded());
            Files.writeString(publicKeyPem, "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. */
    String publicKeyLocation() {
        return publicKeyPem.toUri().toString();
    }

    /** A valid token for a fresh subject, so every test has its own rate limit bucket. */
    String valid(String... roles) {
        return validFor("user-" + UUID.randomUUID(), roles);
    }

    String validFor(String subject, String... roles) {
        return sign(trusted, claims(subject, "tsbase", Instant.now().plus(Duration.ofMinutes(10)), roles));
    }

    String expired() {
        return sign(trusted, claims("late-user", "tsbase", Instant.now().minus(Duration.ofMinutes(10)), "APPLICANT"));
    }

    String signedByAnotherKey() {
        return sign(stranger, claims("forger", "tsbase", Instant.now().plus(Duration.ofMinutes(10)), "ADMIN"));
    }

    String forAnotherAudience() {
        return sign(trusted, claims("elsewhere", "another-system", Instant.now().plus(Duration.ofMinutes(10)), "ADMIN"));
    }

    /** Correctly signed for the right audience, but without {@code exp}: it would never expire. */
    String withoutExpiry() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(
                claims("forever", "tsbase", Instant.now().plus(Duration.ofMinutes(10)), "ADMIN"))
                .expirationTime(null)
                .build();
        return sign(trusted, claims);
    }

    /** {@code alg: none}: claims that look right, no signature at all. */
    String unsigned() {
        return new PlainJWT(claims("nobody", "tsbase", Instant.now().plus(Duration.ofMinutes(10)), "ADMIN")).serialize();
    }

    private static JWTClaimsSet claims(String subject, String audience, Instant expires, String... roles) {
        Instant issued = expires.minus(Duration.ofMinutes(20));
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer("tsbase-local")
                .audience(audience)
                .claim("roles", List.of(roles))
                .claim("name", "测试用户")
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(expires))
                .build();
    }

    private static String sign(KeyPair keys, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
