/**
 * ODCS quality rules and SDK checks, both ways: {@link dev.dataproduct.core.quality.odcs.OdcsQuality}
 * turns the library rules of a contract ({@code nullValues}, {@code missingValues},
 * {@code invalidValues}, {@code duplicateValues}, {@code rowCount}, and the unambiguous v3.0
 * {@code rule} names) into {@link dev.dataproduct.api.quality.Check}s the quality engine runs, lists
 * every rule it cannot run with the reason, and writes checks that have a library form back as
 * rules.
 */
package dev.dataproduct.core.quality.odcs;
