package dev.dataproduct.ports.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataproduct.api.access.Authenticator;
import dev.dataproduct.api.access.Principal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies HS256-signed JWT bearer tokens (RFC 7519) with the JDK's own crypto and turns them into
 * principals: {@code sub} is the id, the {@code roles} claim (an array of strings) the roles, and
 * every other string, number or boolean claim that is not a registered one an attribute.
 *
 * <p>Only {@code "alg": "HS256"} is accepted (never {@code none}); the signature is compared in
 * constant time; {@code exp} is required and checked, {@code nbf} is checked when present, both with
 * a small leeway for clock skew; {@code iss} and {@code aud} are checked when configured.
 *
 * {@snippet :
 * Authenticator jwt = JwtVerifier.hs256(secret).issuer("https://login.example.com").build();
 * }
 */
public final class JwtVerifier implements Authenticator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> REGISTERED = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti");
    private static final int MAX_TOKEN_CHARS = 8192;

    private final byte[] key;
    private final Clock clock;
    private final Duration leeway;
    private final Optional<String> issuer;
    private final Optional<String> audience;
    private final String rolesClaim;

    private JwtVerifier(Builder b) {
        this.key = b.key.clone();
        this.clock = b.clock;
        this.leeway = b.leeway;
        this.issuer = Optional.ofNullable(b.issuer);
        this.audience = Optional.ofNullable(b.audience);
        this.rolesClaim = b.rolesClaim;
    }

    /**
     * @param key the shared HMAC key, at least 32 bytes (RFC 7518 section 3.2)
     * @return a builder
     * @throws IllegalArgumentException if the key is shorter than 32 bytes
     */
    public static Builder hs256(byte[] key) {
        return new Builder(key);
    }

    @Override
    public Optional<Principal> authenticate(Map<String, List<String>> headers) {
        return Authenticator.bearerToken(headers).flatMap(this::verify);
    }

    /**
     * @param token a compact JWT
     * @return the principal it stands for, or empty if it is malformed, badly signed, expired, not yet
     *     valid, or for another issuer or audience
     */
    public Optional<Principal> verify(String token) {
        if (token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = JSON.readTree(decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asText())) {
                return Optional.empty();
            }
            byte[] expected = sign(key, parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = JSON.readTree(decode(parts[1]));
            return claims.isObject() ? principal(claims) : Optional.empty();
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private Optional<Principal> principal(JsonNode claims) {
        long now = clock.instant().getEpochSecond();
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isNumber() || now - leeway.toSeconds() >= exp.asLong()) {
            return Optional.empty();
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && (!nbf.isNumber() || now + leeway.toSeconds() < nbf.asLong())) {
            return Optional.empty();
        }
        if (issuer.isPresent() && !issuer.get().equals(claims.path("iss").asText(null))) {
            return Optional.empty();
        }
        if (audience.isPresent() && !hasAudience(claims.get("aud"), audience.get())) {
            return Optional.empty();
        }
        JsonNode sub = claims.get("sub");
        if (sub == null || !sub.isTextual() || sub.asText().isEmpty()) {
            return Optional.empty();
        }
        Set<String> roles = new HashSet<>();
        JsonNode r = claims.get(rolesClaim);
        if (r != null && r.isArray()) {
            r.forEach(x -> {
                if (x.isTextual()) {
                    roles.add(x.asText());
                }
            });
        }
        Map<String, Object> attributes = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = claims.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (REGISTERED.contains(e.getKey()) || e.getKey().equals(rolesClaim)) {
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                attributes.put(e.getKey(), v.asText());
            } else if (v.isIntegralNumber()) {
                attributes.put(e.getKey(), v.asLong());
            } else if (v.isNumber()) {
                attributes.put(e.getKey(), v.asDouble());
            } else if (v.isBoolean()) {
                attributes.put(e.getKey(), v.asBoolean());
            }
        }
        return Optional.of(new Principal(sub.asText(), roles, attributes));
    }

    private static boolean hasAudience(JsonNode aud, String wanted) {
        if (aud == null) {
            return false;
        }
        if (aud.isTextual()) {
            return aud.asText().equals(wanted);
        }
        for (JsonNode a : aud) {
            if (a.isTextual() && a.asText().equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] decode(String part) {
        return Base64.getUrlDecoder().decode(part);
    }

    static byte[] sign(byte[] key, String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "JwtVerifier[HS256" + issuer.map(i -> ", issuer " + i).orElse("") + "]";
    }

    /** Builds a {@link JwtVerifier}. */
    public static final class Builder {
        private final byte[] key;
        private Clock clock = Clock.systemUTC();
        private Duration leeway = Duration.ofSeconds(30);
        private String issuer;
        private String audience;
        private String rolesClaim = "roles";

        private Builder(byte[] key) {
            Objects.requireNonNull(key, "key");
            if (key.length < 32) {
                throw new IllegalArgumentException("an HS256 key must have at least 32 bytes, got " + key.length
                        + "; generate 32 random bytes");
            }
            this.key = key.clone();
        }

        /**
         * @param value the clock tokens are checked against
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @param value the clock skew allowed on {@code exp} and {@code nbf} (default 30 s)
         * @return this builder
         */
        public Builder leeway(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("the leeway must not be negative, got " + value);
            }
            this.leeway = value;
            return this;
        }

        /**
         * @param value the {@code iss} every token must carry
         * @return this builder
         */
        public Builder issuer(String value) {
            this.issuer = Objects.requireNonNull(value, "issuer");
            return this;
        }

        /**
         * @param value an {@code aud} every token must carry
         * @return this builder
         */
        public Builder audience(String value) {
            this.audience = Objects.requireNonNull(value, "audience");
            return this;
        }

        /**
         * @param value the claim holding the roles (default {@code roles})
         * @return this builder
         */
        public Builder rolesClaim(String value) {
            this.rolesClaim = Objects.requireNonNull(value, "rolesClaim");
            return this;
        }

        /** @return the verifier */
        public JwtVerifier build() {
            return new JwtVerifier(this);
        }
    }
}
