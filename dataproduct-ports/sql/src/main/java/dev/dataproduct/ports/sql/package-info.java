/**
 * The SQL port: private, locked, in-process DuckDB databases, one per connection, that hold what the
 * connecting principal may read of a product, streamed in from the read path as Arrow batches
 * (Arrow C stream interface); and Parquet through DuckDB: the delivery port
 * {@link dev.dataproduct.ports.sql.ParquetPort}, a file port that writes each committed snapshot the
 * runtime hands it (already read as its audience) as a set of files switched atomically, and
 * {@link dev.dataproduct.ports.sql.ParquetWriter}, which writes what an audience may read outside a
 * run.
 *
 * <p>DuckDB has no privilege boundary inside one database, so the safety of a session comes from its
 * database holding nothing else: each session's database is opened read-only, external access,
 * extension installing and loading are off and the configuration is locked before the first user
 * statement (see {@link dev.dataproduct.ports.sql.SqlSessions} for exactly what holds). Each session
 * pins its snapshot until its connection closes; DuckDB's memory limit bounds each session. While a
 * session loads, the read path runs a few batches ahead of DuckDB on a thread of its own. Each
 * statement run on a session's connection is metered ({@code dataproduct.port.*}, dataset
 * {@code -}, outcome {@code ok} or {@code bad_request}).
 */
package dev.dataproduct.ports.sql;
