package dev.dataproduct.ports.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Signs test tokens the way an identity provider would. */
final class Jwts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Jwts() {
    }

    static String sign(byte[] key, String alg, Map<String, Object> claims) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", alg, "typ", "JWT")));
            String payload = b64.encodeToString(JSON.writeValueAsBytes(claims));
            String input = header + "." + payload;
            return input + "." + b64.encodeToString(JwtVerifier.sign(key, input));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hs256(byte[] key, Map<String, Object> claims) {
        return sign(key, "HS256", claims);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
