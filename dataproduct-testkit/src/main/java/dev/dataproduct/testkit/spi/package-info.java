/**
 * Conformance kits for what users implement against the SPI: extend
 * {@link dev.dataproduct.testkit.spi.InputPortKit}, {@link dev.dataproduct.testkit.spi.DeliveryPortKit}
 * or {@link dev.dataproduct.testkit.spi.SnapshotStoreKit} in a JUnit test of your implementation,
 * supply it, and the kit's tests check the promises of the SPI: lifecycle, no uncommitted data
 * seen, unreadable values quarantined rather than dropped (and a classified one never repeated in
 * the reason), memory released. The built-in ports and
 * stores pass the same kits in the SDK's build.
 */
package dev.dataproduct.testkit.spi;
