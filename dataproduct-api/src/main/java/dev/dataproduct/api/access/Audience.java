package dev.dataproduct.api.access;

import dev.dataproduct.api.expr.Expr;
import java.util.Objects;

/**
 * Who a {@link Grant} is for: the holders of a role, one principal by id, or the principals whose
 * attributes satisfy a predicate.
 *
 * <pre>{@code
 * Audience.role("analyst");
 * Audience.principal("etl@example.com");
 * Audience.where(Expr.principal("region").eq("EU"));   // reads principal attributes only
 * }</pre>
 */
public sealed interface Audience {

    /**
     * @param role a role name
     * @return the principals that hold it
     */
    static Audience role(String role) {
        return new Role(role);
    }

    /**
     * @param id a principal id
     * @return that principal alone
     */
    static Audience principal(String id) {
        return new PrincipalId(id);
    }

    /**
     * @param predicate a predicate over {@link Expr#principal(String) principal attributes} only;
     *     an attribute the principal lacks is null, so the predicate is unknown and does not match
     * @return the principals for whom it is true
     */
    static Audience where(Expr predicate) {
        return new Attributes(predicate);
    }

    /**
     * The holders of a role.
     *
     * @param name the role
     */
    record Role(String name) implements Audience {
        /** Validates the name. */
        public Role {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a role name must not be blank");
            }
        }

        @Override
        public String toString() {
            return "role '" + name + "'";
        }
    }

    /**
     * One principal.
     *
     * @param id its id
     */
    record PrincipalId(String id) implements Audience {
        /** Validates the id. */
        public PrincipalId {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String toString() {
            return "principal '" + id + "'";
        }
    }

    /**
     * The principals whose attributes satisfy a predicate.
     *
     * @param predicate a predicate over principal attributes; reads no column
     */
    record Attributes(Expr predicate) implements Audience {
        /** Validates the predicate. */
        public Attributes {
            Objects.requireNonNull(predicate, "predicate");
        }

        @Override
        public String toString() {
            return "principals where " + predicate;
        }
    }
}
