package dev.dataproduct.api.product;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.contract.Role;
import dev.dataproduct.api.descriptor.AccessOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The access a product's policies offer, by name only: the roles its grants are for and the
 * datasets each reads. A grant for one principal or for an attribute predicate is published only
 * under a name given with {@link Grant.Builder#named}, since its default name spells out the
 * principal or the predicate; filters, masks and attribute values are never published.
 */
final class AccessRoles {
    static final String READ = "read";

    private AccessRoles() {
    }

    static List<AccessOption> options(List<Policy> policies) {
        List<AccessOption> out = new ArrayList<>();
        byRole(policies).forEach((role, datasets) -> out.add(new AccessOption(role, READ, List.copyOf(datasets))));
        return out;
    }

    static List<Role> roles(List<Policy> policies, Owner owner) {
        List<Role> out = new ArrayList<>();
        byRole(policies).forEach((role, datasets) -> out.add(new Role("", role, "Reads " + String.join(", ", datasets)
                + " through the product's access policy.", READ, owner.email(), "", List.of(), Map.of())));
        return out;
    }

    private static Map<String, Set<String>> byRole(List<Policy> policies) {
        Map<String, Set<String>> roles = new LinkedHashMap<>();
        for (Policy p : policies) {
            for (Grant g : p.grants()) {
                String role = g.audience() instanceof Audience.Role r ? r.name()
                        : g.name().equals(g.audience().toString()) ? null : g.name();
                if (role != null) {
                    roles.computeIfAbsent(role, k -> new LinkedHashSet<>()).add(p.dataset());
                }
            }
        }
        return roles;
    }
}
