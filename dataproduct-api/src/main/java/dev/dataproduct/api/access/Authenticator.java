package dev.dataproduct.api.access;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the headers of a request into the {@link Principal} it reads as: the one authentication
 * SPI of every serving port that speaks over headers, HTTP/1.1 (the REST port) and gRPC metadata
 * (the Flight SQL port) alike, so that an application configures its authentication once.
 * Authentication is the application's: ship your own (an OAuth introspection, mutual TLS in front)
 * or use the HTTP module's {@code StaticTokens} or {@code JwtVerifier}.
 *
 * <p>An authenticator returns empty both when a request carries no credentials and when they are
 * wrong, expired or badly signed: the REST port answers 401 and the Flight SQL port
 * {@code UNAUTHENTICATED} in both cases, and say nothing more.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * @param headers the request headers, names in lower case
     * @return the principal, or empty if the request is not authenticated
     */
    Optional<Principal> authenticate(Map<String, List<String>> headers);

    /**
     * @param headers request headers, names in lower case
     * @return the token of an {@code Authorization: Bearer} header, if there is one
     */
    static Optional<String> bearerToken(Map<String, List<String>> headers) {
        List<String> values = headers.getOrDefault("authorization", List.of());
        if (values.size() != 1) {
            return Optional.empty();
        }
        String v = values.get(0).trim();
        if (v.length() > 7 && v.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(v.substring(7).trim());
        }
        return Optional.empty();
    }
}
