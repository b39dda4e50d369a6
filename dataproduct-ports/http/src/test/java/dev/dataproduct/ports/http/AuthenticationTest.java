package dev.dataproduct.ports.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
    static final Instant NOW = Instant.parse("2026-09-01T12:00:00Z");
    static final byte[] KEY = Directory.JWT_KEY;
    final JwtVerifier jwt = JwtVerifier.hs256(KEY).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

    static Map<String, List<String>> bearer(String token) {
        return Map.of("authorization", List.of("Bearer " + token));
    }

    static Map<String, Object> claims(long exp) {
        return Map.of("sub", "carla", "roles", List.of("counselor"), "school", "A", "exp", exp);
    }

    @Test
    void aValidJwtGivesThePrincipalWithRolesAndAttributes() {
        Principal p = jwt.authenticate(bearer(Jwts.hs256(KEY, claims(NOW.getEpochSecond() + 60)))).orElseThrow();
        assertEquals("carla", p.id());
        assertEquals(Set.of("counselor"), p.roles());
        assertEquals(Map.of("school", "A"), p.attributes());
    }

    @Test
    void anExpiredJwtIsRefused() {
        assertEquals(Optional.empty(), jwt.authenticate(bearer(Jwts.hs256(KEY, claims(NOW.getEpochSecond() - 31)))));
    }

    @Test
    void aJwtWithoutExpiryIsRefused() {
        assertEquals(Optional.empty(), jwt.authenticate(bearer(Jwts.hs256(KEY, Map.of("sub", "carla")))));
    }

    @Test
    void aJwtNotYetValidIsRefused() {
        Map<String, Object> c = new java.util.HashMap<>(claims(NOW.getEpochSecond() + 600));
        c.put("nbf", NOW.getEpochSecond() + 300);
        assertEquals(Optional.empty(), jwt.authenticate(bearer(Jwts.hs256(KEY, c))));
    }

    @Test
    void aJwtSignedWithAnotherKeyIsRefused() {
        byte[] other = "another-key-of-thirty-two-bytes-or-more!".getBytes();
        assertEquals(Optional.empty(), jwt.authenticate(bearer(Jwts.hs256(other, claims(NOW.getEpochSecond() + 60)))));
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String good = Jwts.hs256(KEY, claims(NOW.getEpochSecond() + 60));
        String[] parts = good.split("\\.");
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"ada\",\"roles\":[\"admin\"],\"exp\":9999999999}".getBytes());
        assertEquals(Optional.empty(), jwt.authenticate(bearer(parts[0] + "." + forged + "." + parts[2])));
    }

    @Test
    void anAlgNoneOrOtherAlgorithmIsRefused() {
        String none = Jwts.sign(KEY, "none", claims(NOW.getEpochSecond() + 60));
        assertEquals(Optional.empty(), jwt.authenticate(bearer(none)));
        String unsigned = none.substring(0, none.lastIndexOf('.') + 1);
        assertEquals(Optional.empty(), jwt.authenticate(bearer(unsigned)));
        assertEquals(Optional.empty(), jwt.authenticate(bearer("not.a.jwt")));
        assertEquals(Optional.empty(), jwt.authenticate(bearer("garbage")));
    }

    @Test
    void issuerAndAudienceAreCheckedWhenConfigured() {
        JwtVerifier strict = JwtVerifier.hs256(KEY).clock(Clock.fixed(NOW, ZoneOffset.UTC)).issuer("https://id")
                .audience("directory").build();
        Map<String, Object> c = new java.util.HashMap<>(claims(NOW.getEpochSecond() + 60));
        assertEquals(Optional.empty(), strict.authenticate(bearer(Jwts.hs256(KEY, c))));
        c.put("iss", "https://id");
        c.put("aud", List.of("other", "directory"));
        assertTrue(strict.authenticate(bearer(Jwts.hs256(KEY, c))).isPresent());
    }

    @Test
    void aShortKeyIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JwtVerifier.hs256(new byte[16]));
        assertTrue(e.getMessage().contains("at least 32 bytes"), e.getMessage());
    }

    @Test
    void staticTokensMatchExactlyAndRefuseShortOrRepeatedTokens() {
        StaticTokens tokens = StaticTokens.builder().token("0123456789abcdef", Principal.of("a")).build();
        assertEquals("a", tokens.authenticate(bearer("0123456789abcdef")).orElseThrow().id());
        assertEquals(Optional.empty(), tokens.authenticate(bearer("0123456789abcdeF")));
        assertEquals(Optional.empty(), tokens.authenticate(Map.of()));
        assertEquals(Optional.empty(), tokens.authenticate(Map.of("authorization", List.of("Basic 0123456789abcdef"))));
        assertThrows(IllegalArgumentException.class, () -> StaticTokens.builder().token("short", Principal.of("a")));
        assertThrows(IllegalArgumentException.class, () -> StaticTokens.builder()
                .token("0123456789abcdef", Principal.of("a")).token("0123456789abcdef", Principal.of("b")));
    }

    @Test
    void theRestPortAcceptsAGoodJwtAndAnswers401ForAnExpiredOne() throws Exception {
        try (Directory dir = new Directory()) {
            long now = Instant.now().getEpochSecond();
            String good = Jwts.hs256(KEY, claims(now + 300));
            var ok = Http.get(dir.rest.baseUri(), RestPortTest.ROWS + "?select=school", good);
            assertEquals(200, ok.statusCode(), Http.text(ok));
            assertTrue(Http.text(ok).contains("\"A\"") && !Http.text(ok).contains("\"B\""), Http.text(ok));
            var expired = Http.get(dir.rest.baseUri(), RestPortTest.ROWS, Jwts.hs256(KEY, claims(now - 300)));
            assertEquals(401, expired.statusCode());
            var badSignature = Http.get(dir.rest.baseUri(), RestPortTest.ROWS, good.substring(0, good.length() - 2)
                    + (good.endsWith("AA") ? "BB" : "AA"));
            assertEquals(401, badSignature.statusCode());
        }
    }
}
