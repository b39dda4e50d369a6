/**
 * Port conformance: {@link dev.dataproduct.testkit.conformance.PortConformance} checks that a
 * port returns exactly what the read path returns, denials included, for a set of principals and
 * requests, so that a built-in or user-written port cannot serve rows or values a policy hides;
 * {@link dev.dataproduct.testkit.conformance.AccessCases} generates seeded policies and principals
 * for such a check.
 */
package dev.dataproduct.testkit.conformance;
