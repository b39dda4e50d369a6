/**
 * Published contract versions: {@link dev.dataproduct.core.registry.ContractRegistry} enforces
 * semantic versioning on publication and tracks deprecation and retirement of versions.
 */
package dev.dataproduct.core.registry;
