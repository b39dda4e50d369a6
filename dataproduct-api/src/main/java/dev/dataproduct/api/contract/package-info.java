/**
 * Data contracts in the shape of the Open Data Contract Standard (ODCS) v3.1:
 * {@link dev.dataproduct.api.contract.DataContract} with its schema objects and properties,
 * quality rules, relationships, service levels, servers, roles, team, support and price. Every
 * element keeps the fields the SDK does not model in {@code extensions}, so a contract read and
 * written back loses nothing.
 */
package dev.dataproduct.api.contract;
