/**
 * The composition sample: Customer Spend, a derived product reading Historical Purchases through a
 * product input as its own principal, and the mesh of the two that the sample's run command
 * builds and runs in dependency order, printing its interaction map.
 */
package dev.dataproduct.samples.composition;
