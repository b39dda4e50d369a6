package dev.dataproduct.api.descriptor;

import java.util.List;
import java.util.Objects;

/**
 * Access a consumer can request, as a product's descriptor lists it: a role its policies grant
 * and the datasets that role reads. Only names are published, never a grant's row filter, masks or
 * the attribute values it matches.
 *
 * @param role the role to request
 * @param access what it allows; {@code read} for the roles policies grant
 * @param datasets the datasets it reads, in declaration order
 */
public record AccessOption(String role, String access, List<String> datasets) {
    /** Validates and copies the components. */
    public AccessOption {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(access, "access");
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
    }
}
