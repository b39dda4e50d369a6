/**
 * A seeded property runner with shrinking: {@link dev.dataproduct.testkit.property.PropertyRunner}
 * checks a property over generated values and reports the smallest failing case with its seed.
 */
package dev.dataproduct.testkit.property;
