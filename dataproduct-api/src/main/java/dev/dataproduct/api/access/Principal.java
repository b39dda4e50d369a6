package dev.dataproduct.api.access;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who reads: a user or a system, with roles and attributes that access policies and expressions
 * ({@link dev.dataproduct.api.expr.Expr#principal(String)}) refer to.
 *
 * @param id a stable identifier, such as an e-mail address or a service name
 * @param roles the roles held
 * @param attributes further facts, such as {@code region}; values in the SDK's value model
 */
public record Principal(String id, Set<String> roles, Map<String, Object> attributes) {

    /** Validates and copies the components. */
    public Principal {
        Objects.requireNonNull(id, "id");
        roles = Set.copyOf(roles);
        attributes = Map.copyOf(attributes);
    }

    /**
     * @param id the identifier
     * @param roles the roles held
     * @return a principal without attributes
     */
    public static Principal of(String id, String... roles) {
        return new Principal(id, Set.of(roles), Map.of());
    }

    /**
     * @param name an attribute name
     * @return its value
     */
    public Optional<Object> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /**
     * @param role a role name
     * @return whether the principal holds it
     */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
