package org.tsbase.localstack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mints the stack's RS256 tokens (docs/conventions.md): {@code sub}, {@code iss} = {@value #ISSUER}, {@code aud} =
 * {@value #AUDIENCE}, {@code roles}, {@code org} (APPLICANT only), {@code name}, {@code iat}, {@code exp}.
 */
public final class TokenMinter {
    public static final String ISSUER = "tsbase-local";
    public static final String AUDIENCE = "tsbase";
    /** 北京石景山示范科技有限公司, the demo applicant. */
    public static final String DEMO_ORG = "91110107MA01B2C34M";
    public static final Duration DEFAULT_TTL = Duration.ofHours(8);

    private static final Pattern GB32100 = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}");
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*([smhd])");

    private final JwtKeys keys;
    private final Clock clock;
    private final String keyId;

    public TokenMinter(JwtKeys keys) {
        this(keys, Clock.systemUTC());
    }

    public TokenMinter(JwtKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
        try {
            this.keyId = new RSAKey.Builder(keys.publicKey()).build().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token for {@code role}; {@code org} is required for APPLICANT and ignored otherwise. */
    public String mint(Role role, String org, Duration ttl) {
        Objects.requireNonNull(role, "role");
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("The token lifetime must be positive");
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .claim("roles", List.of(role.name()))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .claim("name", role.displayName());
        if (role == Role.APPLICANT) {
            String code = checkCreditCode(org);
            claims.subject("demo-applicant-" + code).claim("org", code);
        } else {
            claims.subject("demo-" + role.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(keyId).build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(new RSASSASigner(keys.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
        return jwt.serialize();
    }

    public String mint(Role role, String org) {
        return mint(role, org, DEFAULT_TTL);
    }

    /** One token per role, the applicant's bound to {@code applicantOrg}, in the order of {@link Role}. */
    public Map<Role, String> mintAll(String applicantOrg, Duration ttl) {
        Map<Role, String> tokens = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            tokens.put(role, mint(role, applicantOrg, ttl));
        }
        return tokens;
    }

    private static String checkCreditCode(String org) {
        if (org == null || org.isBlank()) {
            throw new IllegalArgumentException("An APPLICANT token needs an organisation: --org <统一社会信用代码>");
        }
        String code = org.trim().toUpperCase(Locale.ROOT);
        if (!GB32100.matcher(code).matches()) {
            throw new IllegalArgumentException("'" + org + "' is not an 18-character 统一社会信用代码 (GB 32100-2015)");
        }
        return code;
    }

    /** Parses {@code 8h}, {@code 30m}, {@code 2d}, {@code 3600s}, {@code 1h30m} or ISO-8601 {@code PT8H}. */
    public static Duration parseTtl(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            try {
                return positive(Duration.parse(value.toUpperCase(Locale.ROOT)), text);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("Cannot read the duration '" + text + "'");
            }
        }
        if (value.matches("\\d+")) {
            return positive(Duration.ofSeconds(Long.parseLong(value)), text);
        }
        Matcher matcher = SIMPLE_DURATION.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.find()) {
            if (!value.substring(end, matcher.start()).isBlank()) {
                break;
            }
            long amount = Long.parseLong(matcher.group(1));
            total = total.plus(switch (matcher.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
            end = matcher.end();
        }
        if (end == 0 || end != value.length()) {
            throw new IllegalArgumentException("Cannot read the duration '" + text + "': use e.g. 8h, 30m, 2d or PT8H");
        }
        return positive(total, text);
    }

    private static Duration positive(Duration duration, String text) {
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("The duration '" + text + "' must be positive");
        }
        return duration;
    }
}
