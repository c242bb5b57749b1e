package org.tsbase.support.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, from the validated token: subject, roles and, for an applicant, the organisation (统一社会信用代码)
 * it is bound to.
 */
public record Caller(String subject, Set<Role> roles, Optional<String> organization) {

    public static final String ROLES_CLAIM = "roles";
    public static final String ORG_CLAIM = "org";

    public static Caller from(Jwt jwt) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        Object claim = jwt.getClaim(ROLES_CLAIM);
        if (claim instanceof Collection<?> values) {
            for (Object v : values) {
                for (Role r : Role.values()) {
                    if (r.name().equals(String.valueOf(v))) {
                        roles.add(r);
                    }
                }
            }
        }
        return new Caller(jwt.getSubject(), Set.copyOf(roles), Optional.ofNullable(jwt.getClaimAsString(ORG_CLAIM)));
    }

    public static Caller of(String subject, Role role, String organization) {
        return new Caller(subject, Set.of(role), Optional.ofNullable(organization));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... any) {
        return List.of(any).stream().anyMatch(roles::contains);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    /** Reviewers and ADMIN read everything; an applicant only what belongs to its own organisation. */
    public boolean readsAll() {
        return hasAny(Role.ADMIN, Role.DISTRICT_REVIEWER, Role.CITY_REVIEWER);
    }

    /** May this caller see the data of the organisation {@code creditCode}? */
    public boolean mayRead(String creditCode) {
        return readsAll() || belongsTo(creditCode);
    }

    /** The organisation itself or ADMIN: who may change an organisation's data or see its personal data unmasked. */
    public boolean actsFor(String creditCode) {
        return isAdmin() || belongsTo(creditCode);
    }

    public boolean belongsTo(String creditCode) {
        return has(Role.APPLICANT) && creditCode != null && organization.filter(creditCode::equals).isPresent();
    }
}
