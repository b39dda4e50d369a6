package dev.dataproduct.core.access;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.MaskBinding;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.error.AccessDeniedException;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.core.expr.ExpressionEvaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the access policy of one dataset: matches a principal to the policy's grants and
 * gives the {@link AccessView} through which that principal sees batches. Deny by default: a
 * principal no grant is for, or a dataset without a policy, gets an {@link AccessDeniedException}
 * that names the product and dataset and nothing of the policy.
 *
 * <pre>{@code
 * AccessEnforcer enforcer = AccessEnforcer.of(product.address().urn(), spec, policy, MaskKeys.none());
 * AccessView view = enforcer.viewFor(principal);            // throws AccessDeniedException
 * try (VectorSchemaRoot seen = view.apply(batch, allocator)) { ... }
 * }</pre>
 */
public final class AccessEnforcer {
    private static final Logger LOG = LoggerFactory.getLogger(AccessEnforcer.class);

    private final String product;
    private final DatasetSpec spec;
    private final Optional<Policy> policy;
    private final MaskKeys keys;

    private AccessEnforcer(String product, DatasetSpec spec, Optional<Policy> policy, MaskKeys keys) {
        this.product = Objects.requireNonNull(product, "product");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.policy = policy;
        this.keys = Objects.requireNonNull(keys, "keys");
        policy.ifPresent(this::checkKeys);
    }

    /**
     * @param product the product's address, for messages and audit
     * @param spec the dataset's definition (its fields' classifications count)
     * @param policy the dataset's policy; empty denies everyone
     * @param keys the keys of the policy's keyed-hash masks
     * @return the enforcer
     * @throws InvalidDefinitionException if the policy does not fit the dataset
     * @throws DataProductException if a keyed-hash mask's key is missing
     */
    public static AccessEnforcer of(String product, DatasetSpec spec, Optional<Policy> policy, MaskKeys keys) {
        policy.ifPresent(p -> {
            List<String> problems = p.problems(spec);
            if (!problems.isEmpty()) {
                throw new InvalidDefinitionException("the access policy of " + product, problems);
            }
        });
        return new AccessEnforcer(product, spec, policy, keys);
    }

    private void checkKeys(Policy p) {
        MaskKernels kernels = kernels();
        List<MaskBinding> all = new ArrayList<>(p.masks());
        p.grants().forEach(g -> all.addAll(g.masks()));
        for (MaskBinding b : all) {
            if (b.mask() instanceof Mask.KeyedHash k && keys.key(k.keyName()).isEmpty()) {
                throw kernels.missingKey(k, b.target().toString());
            }
        }
    }

    MaskKernels kernels() {
        return new MaskKernels(keys, "dataset '" + spec.name() + "' of " + product);
    }

    /** @return the dataset's definition */
    public DatasetSpec spec() {
        return spec;
    }

    /**
     * Matches a principal to the grants.
     *
     * @param principal who reads
     * @return what the principal sees
     * @throws AccessDeniedException if no grant is for the principal
     */
    public AccessView viewFor(Principal principal) {
        List<Grant> matched = new ArrayList<>();
        if (policy.isPresent()) {
            ExpressionEvaluator evaluator = new ExpressionEvaluator(principal);
            for (Grant g : policy.get().grants()) {
                if (matches(g.audience(), principal, evaluator)) {
                    matched.add(g);
                }
            }
        }
        if (matched.isEmpty()) {
            throw new AccessDeniedException("principal '" + principal.id() + "' may not read dataset '" + spec.name()
                    + "' of " + product + "; ask the product's owner for access");
        }
        return new AccessView(this, policy.get(), matched, principal);
    }

    private boolean matches(Audience audience, Principal principal, ExpressionEvaluator evaluator) {
        if (audience instanceof Audience.Role r) {
            return principal.hasRole(r.name());
        } else if (audience instanceof Audience.PrincipalId id) {
            return principal.id().equals(id.id());
        }
        Audience.Attributes a = (Audience.Attributes) audience;
        try (VectorSchemaRoot one = oneRow()) {
            return evaluator.select(a.predicate(), one).isSelected(0);
        } catch (IllegalArgumentException e) {
            throw broken("an audience", e);
        }
    }

    private static VectorSchemaRoot oneRow() {
        VectorSchemaRoot root = new VectorSchemaRoot(List.of());
        root.setRowCount(1);
        return root;
    }

    /**
     * A policy that cannot be evaluated is a definition error for the operator; the reader learns
     * only that it failed, not what the policy says.
     */
    DataProductException broken(String part, RuntimeException e) {
        LOG.error("{} of the access policy of dataset '{}' of {} cannot be evaluated: {}", part, spec.name(), product,
                e.getMessage());
        return new DataProductException("the access policy of dataset '" + spec.name() + "' of " + product
                + " cannot be evaluated; the product's owner must fix it (details are in the log)");
    }

    String product() {
        return product;
    }

    Field field(String name) {
        return spec.schema().field(name).orElseThrow();
    }
}
