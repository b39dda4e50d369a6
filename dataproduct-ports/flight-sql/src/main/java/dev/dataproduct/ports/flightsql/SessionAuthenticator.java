package dev.dataproduct.ports.flightsql;

import dev.dataproduct.api.access.Authenticator;
import dev.dataproduct.api.access.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;

/**
 * Authenticates every Flight call with the application's {@link Authenticator} and names the
 * session it belongs to (the call's peer identity).
 *
 * <p>A bearer token is handed to the authenticator on every call, so that an expired or revoked
 * token stops working at once; its session is keyed by a digest of the token. Basic credentials
 * (what DBeaver's and ADBC's user and password fields send) carry the token as the password: the
 * authenticator sees it as a bearer token, and the client gets a fresh session token back in the
 * {@code authorization} response header, which it sends from then on (the Flight handshake). That
 * session token is valid for its session only, and ends with it.
 */
final class SessionAuthenticator implements CallHeaderAuthenticator {
    static final String AUTHORIZATION = "authorization";
    private static final String BEARER = "bearer ";
    private static final String BASIC = "basic ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Authenticator authenticator;
    private final Sessions sessions;

    SessionAuthenticator(Authenticator authenticator, Sessions sessions) {
        this.authenticator = authenticator;
        this.sessions = sessions;
    }

    @Override
    public AuthResult authenticate(CallHeaders incoming) {
        Map<String, List<String>> headers = textHeaders(incoming);
        List<String> authorization = headers.getOrDefault(AUTHORIZATION, List.of());
        String value = authorization.size() == 1 ? authorization.get(0).trim() : "";
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith(BEARER)) {
            String token = value.substring(BEARER.length()).trim();
            String issuedKey = "issued:" + digest(token);
            if (sessions.find(issuedKey).isPresent()) {
                return () -> issuedKey;
            }
            String key = "bearer:" + digest(token);
            Principal principal = principal(headers);
            sessions.open(key, principal);
            return () -> key;
        }
        if (lower.startsWith(BASIC)) {
            String token = basicPassword(value.substring(BASIC.length()).trim());
            Map<String, List<String>> asBearer = new HashMap<>(headers);
            asBearer.put(AUTHORIZATION, List.of("Bearer " + token));
            Principal principal = principal(asBearer);
            String issued = newToken();
            String key = "issued:" + digest(issued);
            sessions.open(key, principal);
            return new AuthResult() {
                @Override
                public String getPeerIdentity() {
                    return key;
                }

                @Override
                public void appendToOutgoingHeaders(CallHeaders outgoing) {
                    if (!outgoing.containsKey(AUTHORIZATION)) {
                        outgoing.insert(AUTHORIZATION, "Bearer " + issued);
                    }
                }
            };
        }
        // an application's authenticator may read other headers (an API key, a proxy's identity)
        Principal principal = principal(headers);
        String key = "principal:" + digest(principal.toString());
        sessions.open(key, principal);
        return () -> key;
    }

    private Principal principal(Map<String, List<String>> headers) {
        Optional<Principal> principal = authenticator.authenticate(headers);
        if (principal.isEmpty()) {
            throw unauthenticated();
        }
        return principal.get();
    }

    private static String basicPassword(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthenticated();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || colon == decoded.length() - 1) {
            throw unauthenticated();
        }
        return decoded.substring(colon + 1);
    }

    private static RuntimeException unauthenticated() {
        return CallStatus.UNAUTHENTICATED.withDescription("missing or invalid credentials: send a bearer token "
                + "(the JDBC property 'token'), or a user name with the token as password").toRuntimeException();
    }

    private static Map<String, List<String>> textHeaders(CallHeaders incoming) {
        Map<String, List<String>> out = new HashMap<>();
        for (String name : incoming.keys()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith("-bin")) {
                continue;
            }
            List<String> values = new ArrayList<>();
            incoming.getAll(name).forEach(values::add);
            out.put(lower, List.copyOf(values));
        }
        return out;
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String digest(String secret) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
