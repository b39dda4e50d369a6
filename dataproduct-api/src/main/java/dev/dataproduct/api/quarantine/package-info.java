/**
 * Rows kept out of published data: each {@link dev.dataproduct.api.quarantine.RejectedRow} keeps
 * its original values and the {@link dev.dataproduct.api.quarantine.Violation rules} it broke.
 */
package dev.dataproduct.api.quarantine;
