/**
 * The catalog of a mesh: {@link dev.dataproduct.core.catalog.Catalog} holds products defined in Java
 * with the SDK and products known only from an ODPS document another tool wrote, finds them by SDK
 * address, document id, or domain and name, and searches them by domain and tag.
 * {@link dev.dataproduct.core.catalog.CatalogInput} declares a product input that refers to a
 * catalogued product by address or id and records, in the consuming product's descriptor, the
 * contract and version it reads. Reading that product's data is not supported yet.
 */
package dev.dataproduct.core.catalog;
