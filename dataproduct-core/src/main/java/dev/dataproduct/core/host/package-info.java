/**
 * The product host: holds products, their store and their serving ports, runs the products and
 * starts and stops the ports. One host serves many products on one port. Every serving port reads
 * through each product's {@link dev.dataproduct.core.read.ProductReader}, so the access policy is
 * the same on every port; the host counts distinct consumers per day from the audit of those reads.
 *
 * <p>The host also runs the products' schedules ({@link dev.dataproduct.api.schedule.Schedule}) from
 * {@link dev.dataproduct.core.host.ProductHost#start()} until it closes, through its
 * {@link dev.dataproduct.core.host.Scheduler}: in the time of a {@link dev.dataproduct.core.host.Timeline}
 * (a {@link dev.dataproduct.core.host.VirtualTimeline} in tests), configured by
 * {@link dev.dataproduct.core.host.Scheduling}. Runs of one product never overlap: every run, scheduled
 * or asked for with {@link dev.dataproduct.core.host.ProductHost#run}, holds the product's run lock, in
 * this process and, over a {@link dev.dataproduct.core.snapshot.DirectorySnapshotStore}, across processes
 * (a file lock on {@code .run.lock} in the product's directory); {@code run} refuses while another run
 * of the product is in progress. Missed slots are caught up once, an overrunning run delays the next,
 * each product starts at a fixed jitter offset after its slots, and a product can run on new
 * snapshots of its inputs ({@link dev.dataproduct.core.host.InputVersions}). What became of each slot
 * goes to a {@link dev.dataproduct.core.host.ScheduleListener}.
 *
 * <p>A host holds its products as a {@link dev.dataproduct.core.compose.Mesh}: building it refuses
 * product inputs of products it does not hold, unmet expectations, cycles and promises the inputs
 * cannot support; it runs them in dependency order, and {@code runMesh()} skips a product whose
 * input did not commit, which keeps its previous snapshot. Runs of a host read product inputs
 * through the host's read paths, so the host's audit sees products reading products.
 *
 * {@link dev.dataproduct.core.host.PortMeters} records the usage meters every serving port shares
 * ({@code dataproduct.port.requests}, {@code rows}, {@code bytes}, {@code latency}, {@code denied}).
 */
package dev.dataproduct.core.host;
