/**
 * The product definition: {@link dev.dataproduct.api.product.DataProduct} and its metadata
 * (owner, purpose, alignment, kind, quality and support tiers, status), its semantic
 * {@link dev.dataproduct.api.product.SemanticVersion version} and its permanent
 * {@link dev.dataproduct.api.product.ProductAddress address}.
 *
 * <p>A <em>restricted</em> product ({@code DataProduct.restricted(name).over(source)}) is a view,
 * not a copy: its policies, narrowed by an optional projection and fixed row filter, are enforced
 * over the source's datasets; it has no transform, its only input names the source, and its
 * contract is the source's minus the columns no grant shows, with masked columns documented. The
 * generated contract carries ODCS {@code roles} and the descriptor the access a consumer can
 * request, both by name only: the roles the policies' grants are for (and grants named with
 * {@code named(...)}), never a filter, a mask or an attribute value.
 *
 * <p>Products compose: a {@link dev.dataproduct.api.product.ProductInput} reads a dataset of another
 * product (by address and major version) through its read path, as the consuming product's
 * {@link dev.dataproduct.api.product.DataProduct#principal() principal} (its address as id, the
 * roles it declares with {@code principalRoles}), on one snapshot, current or pinned. A product's
 * quality tier may exceed its inputs' only when it names its own blocking checks as the reason
 * ({@code qualityEarnedBy}); its service levels and support tier may not exceed its inputs' (the
 * rule is checked when products are assembled into a mesh by the core runtime).
 */
package dev.dataproduct.api.product;
