/**
 * The product definition: {@link dev.dataproduct.api.product.DataProduct} and its metadata
 * (owner, purpose, alignment, kind, quality and support tiers, status), its semantic
 * {@link dev.dataproduct.api.product.SemanticVersion version} and its permanent
 * {@link dev.dataproduct.api.product.ProductAddress address}.
 */
package dev.dataproduct.api.product;
