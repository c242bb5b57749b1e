package org.tsbase.system.hostile;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.tsbase.localstack.JwtKeys;
import org.tsbase.localstack.Role;
import org.tsbase.localstack.TokenMinter;

/**
 * The bearer tokens a corpus entry names by kind: the stack's valid ones per role, and the forgeries and misfits that
 * must all be refused with 401. Valid tokens get a subject per entry, so the gateway's per-caller rate limit sees many
 * callers rather than one.
 */
public final class Tokens {

    /** Kinds that are valid tokens of a role; every other kind is one the system must refuse. */
    public static final Set<String> VALID = Set.of("applicantA", "applicantB", "applicantC", "reviewer",
            "cityReviewer", "admin", "applicantNoOrg", "noRole", "unknownRole");

    private final JwtKeys keys;
    private final String kid;
    private final Map<String, String> orgs;
    private final RSAKey otherRsa;
    private final ECKey otherEc;

    /** @param orgs the organisations the applicant kinds act for: {@code A}, {@code B}, {@code C} */
    public Tokens(JwtKeys keys, Map<String, String> orgs) {
        this.keys = keys;
        this.orgs = orgs;
        try {
            this.kid = new RSAKey.Builder(keys.publicKey()).build().computeThumbprint().toString();
            this.otherRsa = new RSAKeyGenerator(2048).keyID(kid).generate();
            this.otherEc = new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code Authorization} header value for a kind, or null for {@code none}. */
    public String authorization(String kind, String subject) {
        if (kind == null || kind.equals("none")) {
            return null;
        }
        return switch (kind) {
            case "basic" -> "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
            case "emptyBearer" -> "Bearer ";
            case "garbage" -> "Bearer not-a-token";
            case "threeDots" -> "Bearer a.b.c";
            case "bearerTwice" -> "Bearer " + token("admin", subject) + " Bearer " + token("admin", subject);
            default -> "Bearer " + token(kind, subject);
        };
    }

    public String token(String kind, String subject) {
        try {
            return build(kind, subject);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String build(String kind, String subject) throws JOSEException {
        Instant now = Instant.now();
        return switch (kind) {
            case "applicantA" -> rs256(claims(Role.APPLICANT, orgs.get("A"), subject, now).build());
            case "applicantB" -> rs256(claims(Role.APPLICANT, orgs.get("B"), subject, now).build());
            case "applicantC" -> rs256(claims(Role.APPLICANT, orgs.get("C"), subject, now).build());
            case "reviewer" -> rs256(claims(Role.DISTRICT_REVIEWER, null, subject, now).build());
            case "cityReviewer" -> rs256(claims(Role.CITY_REVIEWER, null, subject, now).build());
            case "admin" -> rs256(claims(Role.ADMIN, null, subject, now).build());
            case "applicantNoOrg" -> rs256(claims(Role.APPLICANT, null, subject, now).build());
            case "noRole" -> rs256(claims(null, null, subject, now).build());
            case "unknownRole" -> rs256(claims(null, null, subject, now).claim("roles", List.of("SUPERUSER")).build());
            // each of these is an admin token in every respect but one
            case "expired" -> rs256(claims(Role.ADMIN, null, subject, now.minus(Duration.ofHours(3)))
                    .expirationTime(Date.from(now.minus(Duration.ofHours(2)))).build());
            case "notYetValid" -> rs256(claims(Role.ADMIN, null, subject, now).notBeforeTime(Date.from(now.plus(Duration.ofHours(1))))
                    .build());
            case "issuedInFuture" -> rs256(claims(Role.ADMIN, null, subject, now.plus(Duration.ofDays(1))).build());
            case "wrongAudience" -> rs256(claims(Role.ADMIN, null, subject, now).audience("another-system").build());
            case "noAudience" -> rs256(claims(Role.ADMIN, null, subject, now).audience((String) null).build());
            case "noExpiry" -> rs256(claims(Role.ADMIN, null, subject, now).expirationTime(null).build());
            case "otherKey" -> sign(new RSASSASigner(otherRsa), JWSAlgorithm.RS256, claims(Role.ADMIN, null, subject, now).build(), null);
            case "ecOtherKey" -> sign(new ECDSASigner(otherEc), JWSAlgorithm.ES256, claims(Role.ADMIN, null, subject, now).build(), null);
            case "embeddedJwk" -> sign(new RSASSASigner(otherRsa), JWSAlgorithm.RS256, claims(Role.ADMIN, null, subject, now).build(),
                    new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).jwk(otherRsa.toPublicJWK()));
            case "jkuHeader" -> sign(new RSASSASigner(otherRsa), JWSAlgorithm.RS256, claims(Role.ADMIN, null, subject, now).build(),
                    new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid)
                            .jwkURL(URI.create("http://127.0.0.1:1/jwks.json")));
            case "algNone" -> unsigned("{\"alg\":\"none\",\"typ\":\"JWT\"}", claims(Role.ADMIN, null, subject, now).build(), "");
            case "algNoneUpper" -> unsigned("{\"alg\":\"NONE\",\"typ\":\"JWT\"}", claims(Role.ADMIN, null, subject, now).build(), "");
            case "algNoneWithSignature" -> {
                String valid = token("admin", subject);
                yield unsigned("{\"alg\":\"none\",\"typ\":\"JWT\"}", claims(Role.ADMIN, null, subject, now).build(),
                        valid.substring(valid.lastIndexOf('.') + 1));
            }
            case "hs256PublicKeyPem" -> hs256(pem(), claims(Role.ADMIN, null, subject, now).build());
            case "hs256PublicKeyDer" -> hs256(keys.publicKey().getEncoded(), claims(Role.ADMIN, null, subject, now).build());
            case "hs256KidTraversal" -> sign(new MACSigner(new byte[32]), JWSAlgorithm.HS256,
                    claims(Role.ADMIN, null, subject, now).build(),
                    new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("../../../../../../dev/null"));
            case "critUnknown" -> sign(new RSASSASigner(keys.privateKey()), JWSAlgorithm.RS256, claims(Role.ADMIN, null, subject, now).build(),
                    new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid)
                            .criticalParams(Set.of("tsbase-never-heard")).customParam("tsbase-never-heard", true));
            case "applicantToAdmin" -> {
                // an applicant's token whose payload was edited to say ADMIN; the signature is the applicant's
                String applicant = token("applicantA", subject);
                String[] p = applicant.split("\\.");
                String payload = new String(Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8)
                        .replace("\"APPLICANT\"", "\"ADMIN\"");
                yield p[0] + "." + Base64URL.encode(payload) + "." + p[2];
            }
            case "signatureStripped" -> {
                String valid = token("admin", subject);
                yield valid.substring(0, valid.lastIndexOf('.') + 1);
            }
            case "signatureFlipped" -> {
                String valid = token("admin", subject);
                char[] c = valid.toCharArray();
                int i = valid.lastIndexOf('.') + 5;
                c[i] = c[i] == 'A' ? 'B' : 'A';
                yield new String(c);
            }
            case "hugeToken" -> {
                JWTClaimsSet.Builder b = claims(Role.ADMIN, null, subject, now);
                char[] pad = new char[6000];
                Arrays.fill(pad, 'x');
                yield sign(new RSASSASigner(otherRsa), JWSAlgorithm.RS256, b.claim("pad", new String(pad)).build(), null);
            }
            default -> throw new IllegalArgumentException("unknown token kind " + kind);
        };
    }

    private JWTClaimsSet.Builder claims(Role role, String org, String subject, Instant now) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(TokenMinter.ISSUER)
                .audience(TokenMinter.AUDIENCE)
                .subject(subject == null ? "hostile-" + UUID.randomUUID() : subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("name", "Hostile corpus");
        if (role != null) {
            b.claim("roles", List.of(role.name()));
        }
        if (org != null) {
            b.claim("org", org);
        }
        return b;
    }

    private String rs256(JWTClaimsSet claims) {
        return sign(new RSASSASigner((RSAPrivateKey) keys.privateKey()), JWSAlgorithm.RS256, claims, null);
    }

    private String hs256(byte[] secret, JWTClaimsSet claims) {
        try {
            return sign(new MACSigner(secret), JWSAlgorithm.HS256, claims,
                    new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(kid));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(JWSSigner signer, JWSAlgorithm alg, JWTClaimsSet claims, JWSHeader.Builder header) {
        JWSHeader h = (header == null ? new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(kid) : header).build();
        SignedJWT jwt = new SignedJWT(h, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String unsigned(String header, JWTClaimsSet claims, String signature) {
        return Base64URL.encode(header) + "." + Base64URL.encode(claims.toString()) + "." + signature;
    }

    private byte[] pem() {
        try {
            return Files.readAllBytes(Path.of(keys.publicKeyFile().toString()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Map<String, String> orgs(String a, String b, String c) {
        Map<String, String> m = new HashMap<>();
        m.put("A", a);
        m.put("B", b);
        m.put("C", c);
        return m;
    }
}
