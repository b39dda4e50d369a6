/**
 * The product host: holds products, their store and their serving ports, runs the products and
 * starts and stops the ports. One host serves many products on one port. Every serving port reads
 * through each product's {@link dev.dataproduct.core.read.ProductReader}, so the access policy is
 * the same on every port; the host counts distinct consumers per day from the audit of those reads.
 *
 * <p>A host holds its products as a {@link dev.dataproduct.core.compose.Mesh}: building it refuses
 * product inputs of products it does not hold, unmet expectations, cycles and promises the inputs
 * cannot support; it runs them in dependency order, and {@code runMesh()} skips a product whose
 * input did not commit, which keeps its previous snapshot. Runs of a host read product inputs
 * through the host's read paths, so the host's audit sees products reading products.
 */
package dev.dataproduct.core.host;
