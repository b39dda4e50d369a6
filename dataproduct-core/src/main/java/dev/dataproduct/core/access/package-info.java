/**
 * Enforcement of access policies ({@link dev.dataproduct.api.access.Policy}) over Arrow batches.
 * {@link dev.dataproduct.core.access.AccessEnforcer} matches a principal to a dataset's grants
 * (deny by default: no matching grant, or no policy, is an
 * {@link dev.dataproduct.api.error.AccessDeniedException} that says nothing of the policy) and
 * gives an {@link dev.dataproduct.core.access.AccessView}, which turns a stored batch into what
 * the principal may see: rows admitted by some matching grant (the union of their filters),
 * columns some matching grant shows, and each value in the clear only if a grant that admits its
 * row shows it in the clear, else masked by the first such grant that masks it, else null.
 * Filters and masks are evaluated a column at a time by the expression evaluator, with the
 * principal's attributes bound as constants. Keyed-hash masks take their secrets from
 * {@link dev.dataproduct.core.access.MaskKeys}, given by the application.
 */
package dev.dataproduct.core.access;
