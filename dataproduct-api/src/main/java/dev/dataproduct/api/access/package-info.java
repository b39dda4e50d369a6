/** Who reads a product: the {@link dev.dataproduct.api.access.Principal} every read carries. */
package dev.dataproduct.api.access;
