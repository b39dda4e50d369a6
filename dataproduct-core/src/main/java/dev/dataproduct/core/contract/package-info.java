/**
 * Contract enforcement at publication: a dataset's schema compiled into row-level
 * {@link dev.dataproduct.core.contract.ContractRule rules} and the
 * {@link dev.dataproduct.core.contract.ContractGate gate} that splits each batch into conforming
 * and quarantined rows.
 *
 * <p>The gate converts a column of a close type value by value (a value that does not fit rejects
 * its row) and refuses a column whose type does not convert at all with an
 * {@link dev.dataproduct.api.error.InvalidDefinitionException}: that is a bug of the transform,
 * not bad data. It keeps the primary key unique across every batch of a run, quarantining later
 * duplicates with rule {@code primary_key} and the origin of the first row, in 48 to 96 bytes per
 * distinct key.
 */
package dev.dataproduct.core.contract;
