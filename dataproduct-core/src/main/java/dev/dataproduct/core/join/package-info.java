/**
 * Joins over Arrow: {@link dev.dataproduct.core.join.HashJoin} joins two datasets on key columns
 * or a {@link dev.dataproduct.api.join.ConformedKey}, verifying the declared cardinality before any
 * row is output, and {@link dev.dataproduct.core.join.CompositeJoin} runs the joins of a
 * {@link dev.dataproduct.api.join.Composite} one after the other, as the runtime does for a
 * composite product's transform.
 *
 * <p>The hash join reads its build side (the smaller side, counted, unless declared) whole into
 * Arrow memory of its own allocator, limited to {@link dev.dataproduct.core.join.HashJoin#DEFAULT_MEMORY_LIMIT}
 * unless set, and keeps its distinct keys in an open-addressing table of primitive arrays (a key
 * of one integer-like column sits in the slot itself; integer keys within a range at most four times
 * the build rows are indexed directly by value, without hashing, and when the build side holds
 * every key of that range in ascending order, as a dimension of surrogate keys in key order does, a
 * key's offset from the smallest is its id, no key table is built and the probe reads no index at
 * all). It streams the probe side batch by batch:
 * hashes a batch's keys column by column, finds each row's key, and gathers each output column
 * from the matched rows into buffers written once (not zeroed first). A probe batch whose rows all
 * match once, in order (facts whose every key the dimension has), lends its own columns to the
 * joined batch: their buffers are shared, not copied, and stay valid as long as the joined batch
 * does (until the cursor's next {@code next()} or {@code close()}, as for any borrowed batch).
 * A build side past the memory limit fails the join with a
 * {@link dev.dataproduct.core.join.JoinMemoryException} naming the limit and the rows and keys read;
 * it does not spill to disk. Output batches are allocated from the caller's allocator, outside that
 * limit, one at a time. Null keys match nothing (SQL); integer key columns of different widths
 * joined on columns compare by value, both read as int64; a side declared "one" with a key twice
 * that the other side has too (a key that would fan out) refuses the join ({@link dev.dataproduct.core.join.JoinRefusedException}, with counts and no key
 * values) or quarantines every row of that key on both sides. Each join makes a
 * {@link dev.dataproduct.api.join.JoinReport}: per side rows = matched + orphans + quarantined.
 */
package dev.dataproduct.core.join;
