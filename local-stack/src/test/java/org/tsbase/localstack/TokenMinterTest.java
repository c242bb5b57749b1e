package org.tsbase.localstack;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenMinterTest {
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    @TempDir
    static Path dir;
    static JwtKeys keys;
    static TokenMinter minter;

    @BeforeAll
    static void keys() {
        keys = JwtKeys.loadOrCreate(dir.resolve("keys"));
        minter = new TokenMinter(keys, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static JWTClaimsSet verified(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.verify(new RSASSAVerifier(keys.publicKey()))).as("signature").isTrue();
        return jwt.getJWTClaimsSet();
    }

    @Test
    void anApplicantTokenCarriesTheConventionsClaimsAndIsSignedWithTheStackKey() throws Exception {
        JWTClaimsSet claims = verified(minter.mint(Role.APPLICANT, "91110107MA04D5E63X", Duration.ofHours(8)));

        assertThat(claims.getIssuer()).isEqualTo("tsbase-local");
        assertThat(claims.getAudience()).containsExactly("tsbase");
        assertThat(claims.getStringListClaim("roles")).containsExactly("APPLICANT");
        assertThat(claims.getStringClaim("org")).isEqualTo("91110107MA04D5E63X");
        assertThat(claims.getSubject()).isNotBlank();
        assertThat(claims.getStringClaim("name")).isNotBlank();
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(NOW);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(8)));
    }

    @Test
    void reviewerAndAdminTokensCarryNoOrganisation() throws Exception {
        for (Role role : new Role[] {Role.DISTRICT_REVIEWER, Role.CITY_REVIEWER, Role.ADMIN}) {
            JWTClaimsSet claims = verified(minter.mint(role, "91110107MA01B2C34M"));

            assertThat(claims.getStringListClaim("roles")).containsExactly(role.name());
            assertThat(claims.getClaim("org")).as(role + " org").isNull();
        }
    }

    @Test
    void anApplicantTokenNeedsAValidCreditCode() {
        assertThatThrownBy(() -> minter.mint(Role.APPLICANT, null)).hasMessageContaining("--org");
        assertThatThrownBy(() -> minter.mint(Role.APPLICANT, "12345")).hasMessageContaining("12345");
    }

    @Test
    void aTokenFromAnotherKeyDoesNotVerify(@TempDir Path other) throws Exception {
        String foreign = new TokenMinter(JwtKeys.loadOrCreate(other)).mint(Role.ADMIN, null);

        assertThat(SignedJWT.parse(foreign).verify(new RSASSAVerifier(keys.publicKey()))).isFalse();
    }

    @Test
    void devTokensHaveOneTokenPerRoleAndTheApplicantIsTheDemoOrganisation() throws Exception {
        Map<String, String> json = StackFiles.devTokens(minter.mintAll(TokenMinter.DEMO_ORG, Duration.ofHours(8)));

        assertThat(json).containsOnlyKeys("APPLICANT", "DISTRICT_REVIEWER", "CITY_REVIEWER", "ADMIN");
        assertThat(verified(json.get("APPLICANT")).getStringClaim("org")).isEqualTo("91110107MA01B2C34M");
        assertThat(verified(json.get("ADMIN")).getStringListClaim("roles")).containsExactly("ADMIN");
        assertThat(Json.MAPPER.writeValueAsString(json)).startsWith("{\"APPLICANT\":\"ey");
    }
}
