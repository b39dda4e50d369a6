/**
 * Contract enforcement at publication: a dataset's schema compiled into row-level
 * {@link dev.dataproduct.core.contract.ContractRule rules} and the
 * {@link dev.dataproduct.core.contract.ContractGate gate} that splits each batch into conforming
 * and quarantined rows.
 */
package dev.dataproduct.core.contract;
