/**
 * Who reads a product, and what they may see. Every read carries a
 * {@link dev.dataproduct.api.access.Principal}. Each output dataset may have a
 * {@link dev.dataproduct.api.access.Policy}, declared as data with the product
 * ({@code DataProduct.builder().access(...)}) and checked when the product is built: its
 * {@link dev.dataproduct.api.access.Grant grants} say, for an
 * {@link dev.dataproduct.api.access.Audience audience} (a role, a principal, or principals whose
 * attributes satisfy a predicate), which rows (a filter that may read principal attributes), which
 * columns, and which masked fields in the clear; {@link dev.dataproduct.api.access.Mask masks}
 * from a type-preserving catalogue are bound to fields, tags and classifications
 * ({@link dev.dataproduct.api.access.Target}). Confidential and restricted fields are masked
 * unless a grant unmasks them. Deny by default: no matching grant, no data. The core runtime
 * enforces policies on every read ({@code dev.dataproduct.core.read}). A
 * {@link dev.dataproduct.api.access.SharingAgreement} registers a consumer with a purpose, the
 * datasets it reads and an expiry; while it runs, it gives that consumer a grant of its own. An
 * {@link dev.dataproduct.api.access.Authenticator} turns the headers of a request into its
 * principal: the one authentication SPI of the serving ports (REST, Flight SQL).
 */
package dev.dataproduct.api.access;
