/**
 * Data contracts in the shape of the Open Data Contract Standard (ODCS) v3.1:
 * {@link dev.dataproduct.api.contract.DataContract} with its schema objects and properties,
 * quality rules, relationships, service levels, servers, roles, team, support and price. Every
 * element keeps the fields the SDK does not model in {@code extensions}, so a contract read and
 * written back loses nothing.
 *
 * <p>{@link dev.dataproduct.api.contract.ContractSchemas} maps contract schemas to dataset schemas
 * and back by one rule per type. Integers: an SDK intN is written as {@code logicalType: integer}
 * with {@code format: iN} (and {@code physicalType: intN}); an {@code integer} is read as intN by
 * its format, and without a format as int32, the ODCS default
 * ({@link dev.dataproduct.api.contract.ContractSchemas#integerType(String)}).
 */
package dev.dataproduct.api.contract;
