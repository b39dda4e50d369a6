/**
 * Composition: products built from products. A {@link dev.dataproduct.api.product.ProductInput}
 * reads one dataset of another product through that product's read path, as the consuming
 * product's own principal ({@link dev.dataproduct.api.product.DataProduct#principal()}), so the
 * upstream's policy applies to it as to any consumer. Before any work a run resolves its product
 * inputs ({@link dev.dataproduct.core.compose.ProductInputs}): the upstream must be given to the
 * run, meet the input's consumer expectations and let the principal read; the snapshot read is
 * the pinned one or the upstream's current one, and the committed manifest records it
 * ({@link dev.dataproduct.core.snapshot.SnapshotManifest#upstreamSnapshots()}). Anything wrong
 * refuses the run with every reason
 * ({@link dev.dataproduct.core.runtime.RunRefusedException}).
 *
 * <p>A {@link dev.dataproduct.core.compose.Mesh} is a set of products whose inputs are each other.
 * Building one refuses unknown upstreams, unmet expectations, cycles (named product by product) and
 * promises a product's inputs cannot support; the rule, exactly: for each product input reading
 * dataset {@code d} of upstream {@code U}, (1) the product's tightest freshness objective is no
 * tighter than {@code U}'s tightest freshness objective on the whole product, {@code d} or a column
 * of {@code d}, or without one {@code U}'s tightest frequency objective; (2) the product's highest
 * availability target is no higher than {@code U}'s highest; (3) its support tier is no better than
 * {@code U}'s; (4) its quality tier is no higher than {@code U}'s, unless the product names its own
 * blocking checks as the reason
 * ({@link dev.dataproduct.api.product.DataProduct.Builder#qualityEarnedBy(String...)}). An upstream
 * without an objective of a kind supports no promise of that kind. A break is reported with the
 * chain of products that limits the promise. A mesh runs in dependency order; a product whose
 * input did not commit is skipped and keeps its previous snapshot.
 * {@link dev.dataproduct.core.host.ProductHost} holds its products as a mesh.
 */
package dev.dataproduct.core.compose;
