package org.tsbase.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class JwtKeysTest {
    @TempDir
    Path dir;

    @Test
    void theKeyPairIsCreatedOnceAndReusedAfterwards() throws Exception {
        JwtKeys first = JwtKeys.loadOrCreate(dir);
        String privatePem = Files.readString(dir.resolve("jwt-private.pem"));
        String publicPem = Files.readString(dir.resolve("jwt-public.pem"));

        JwtKeys second = JwtKeys.loadOrCreate(dir);

        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        assertThat(second.privateKey()).isEqualTo(first.privateKey());
        assertThat(Files.readString(dir.resolve("jwt-private.pem"))).isEqualTo(privatePem);
        assertThat(Files.readString(dir.resolve("jwt-public.pem"))).isEqualTo(publicPem);
        assertThat(first.publicKey().getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void theFilesArePemAsSpringReadsThem() throws Exception {
        JwtKeys keys = JwtKeys.loadOrCreate(dir);
        String publicPem = Files.readString(dir.resolve("jwt-public.pem"));
        String privatePem = Files.readString(dir.resolve("jwt-private.pem"));

        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        // what Spring's RsaKeyConverters.x509() does: strip the armour, decode, X.509
        String base64 = publicPem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        assertThat(KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(base64)))).isEqualTo(keys.publicKey());
        assertThat(keys.publicKeyLocation()).isEqualTo("file:" + dir.resolve("jwt-public.pem").toAbsolutePath());
        assertThat(Files.getPosixFilePermissions(dir.resolve("jwt-private.pem")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aLostPublicKeyIsRestoredFromThePrivateKey() throws Exception {
        JwtKeys first = JwtKeys.loadOrCreate(dir);
        Files.delete(dir.resolve("jwt-public.pem"));

        JwtKeys second = JwtKeys.loadOrCreate(dir);

        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        assertThat(dir.resolve("jwt-public.pem")).exists();
    }
}
