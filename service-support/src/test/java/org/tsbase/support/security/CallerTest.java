package org.tsbase.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class CallerTest {

    static final String ORG = "91110107MA01B2C34M";
    static final String OTHER = "91110107MA04D5E63X";

    static Jwt jwt(List<String> roles, String org) {
        Jwt.Builder b = Jwt.withTokenValue("t").header("alg", "RS256").subject("someone")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).claim("roles", roles);
        if (org != null) {
            b.claim("org", org);
        }
        return b.build();
    }

    @Test
    void anApplicantReadsAndActsOnlyForItsOwnOrganisation() {
        Caller applicant = Caller.from(jwt(List.of("APPLICANT"), ORG));
        assertThat(applicant.mayRead(ORG)).isTrue();
        assertThat(applicant.actsFor(ORG)).isTrue();
        assertThat(applicant.mayRead(OTHER)).isFalse();
        assertThat(applicant.actsFor(OTHER)).isFalse();
        assertThat(applicant.readsAll()).isFalse();
    }

    @Test
    void anApplicantWithoutAnOrganisationClaimOwnsNothing() {
        Caller applicant = Caller.from(jwt(List.of("APPLICANT"), null));
        assertThat(applicant.mayRead(ORG)).isFalse();
        assertThat(applicant.actsFor(null)).isFalse();
    }

    @Test
    void reviewersReadAllButActForNobodyAndAdminDoesBoth() {
        Caller reviewer = Caller.from(jwt(List.of("DISTRICT_REVIEWER"), ORG));
        assertThat(reviewer.mayRead(OTHER)).isTrue();
        assertThat(reviewer.actsFor(ORG)).as("an org claim on a reviewer's token grants nothing").isFalse();
        Caller admin = Caller.from(jwt(List.of("ADMIN"), null));
        assertThat(admin.mayRead(ORG)).isTrue();
        assertThat(admin.actsFor(OTHER)).isTrue();
    }

    @Test
    void unknownRolesAreIgnored() {
        Caller caller = Caller.from(jwt(List.of("SUPERUSER", "ROLE_ADMIN"), null));
        assertThat(caller.roles()).isEmpty();
        assertThat(caller.readsAll()).isFalse();
    }
}
