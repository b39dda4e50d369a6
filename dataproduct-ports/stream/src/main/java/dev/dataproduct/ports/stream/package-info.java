/**
 * Stream ports: a product served as an event stream and streams read into products, on Apache Kafka
 * ({@link dev.dataproduct.ports.stream.KafkaStream}) or memory
 * ({@link dev.dataproduct.ports.stream.InMemoryStream}, for unit tests), which behave the same.
 *
 * <p>{@link dev.dataproduct.ports.stream.StreamOutput} delivers each committed snapshot, as its
 * audience may read it, as one record per row in one transaction (for a dataset written
 * incrementally, one per row the snapshot wrote and a tombstone per key it deleted, as the
 * audience sees them), with a CloudEvents envelope in
 * the headers ({@link dev.dataproduct.ports.stream.CloudEvents}, ids unique within the source), a
 * closing record per delivery on the companion deliveries topic (where each snapshot ends, an empty
 * one included) and the product's contract kept on the companion contract topic, where a breaking
 * change is refused.
 * {@link dev.dataproduct.ports.stream.StreamInput} reads a topic into batches of a product's schema,
 * quarantining records that do not parse (and tombstones) with their topic, partition and offset; the offsets a run
 * read are committed with its snapshot, so runs resume exactly after the last committed snapshot.
 * {@link dev.dataproduct.ports.stream.StartPosition} and
 * {@link dev.dataproduct.ports.stream.EventStream#replay} replay a topic from an offset or a time;
 * {@link dev.dataproduct.ports.stream.StreamInput#lastSnapshotOnly()} rebuilds a replacing product
 * from its last delivered snapshot, and refuses the increments of an incremental one.
 */
package dev.dataproduct.ports.stream;
