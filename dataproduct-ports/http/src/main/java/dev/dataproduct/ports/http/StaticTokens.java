package dev.dataproduct.ports.http;

import dev.dataproduct.api.access.Authenticator;
import dev.dataproduct.api.access.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A fixed table of bearer tokens, each standing for one principal: for samples, tests and
 * machine-to-machine use inside a trusted network. Tokens are held as SHA-256 digests and compared
 * in constant time, so neither the table nor timing tells a token.
 *
 * {@snippet :
 * Authenticator tokens = StaticTokens.builder()
 *         .token("s3cr3t-analyst", Principal.of("ana", "analyst"))
 *         .build();
 * }
 */
public final class StaticTokens implements Authenticator {
    private record Entry(byte[] digest, Principal principal) {
    }

    private final List<Entry> entries;

    private StaticTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** @return a builder of a token table */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<Principal> authenticate(Map<String, List<String>> headers) {
        Optional<String> token = Authenticator.bearerToken(headers);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = digest(token.get());
        Principal found = null;
        // every entry is compared, so the time taken does not depend on which one matches
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.digest(), presented)) {
                found = e.principal();
            }
        }
        return Optional.ofNullable(found);
    }

    static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "StaticTokens[" + entries.size() + " tokens]";
    }

    /** Builds a {@link StaticTokens}. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param token a bearer token, at least 16 characters
         * @param principal the principal the token stands for
         * @return this builder
         * @throws IllegalArgumentException if the token is shorter than 16 characters or already in the table
         */
        public Builder token(String token, Principal principal) {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(principal, "principal");
            if (token.length() < 16) {
                throw new IllegalArgumentException("the token of principal '" + principal.id() + "' has "
                        + token.length() + " characters; use at least 16 random characters");
            }
            byte[] d = digest(token);
            for (Entry e : entries) {
                if (MessageDigest.isEqual(e.digest(), d)) {
                    throw new IllegalArgumentException("the token of principal '" + principal.id()
                            + "' is already given to principal '" + e.principal().id() + "'; give each its own");
                }
            }
            entries.add(new Entry(d, principal));
            return this;
        }

        /** @return the token table */
        public StaticTokens build() {
            return new StaticTokens(entries);
        }
    }
}
