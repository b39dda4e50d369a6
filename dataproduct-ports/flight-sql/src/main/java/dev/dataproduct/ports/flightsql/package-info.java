/**
 * Network SQL over Arrow Flight SQL: {@link dev.dataproduct.ports.flightsql.FlightSqlPort}, a
 * serving port that DBeaver, JDBC tools (the Arrow Flight SQL JDBC driver) and Python (ADBC)
 * connect to. A client authenticates with the application's
 * {@link dev.dataproduct.api.access.Authenticator} (a bearer token, or a user name with the token
 * as password) and gets a session with its own database, holding only what its principal may read:
 * by default the SQL module's private, locked, read-only DuckDB loaded through the read path
 * ({@code dev.dataproduct.ports.sql.SqlSessions}), or a backend of the application's behind
 * {@link dev.dataproduct.ports.flightsql.SessionDatabases}; statements, prepared statements with parameters and the metadata calls of JDBC clients run
 * there, and results stream back as Arrow batches. Sessions are bounded in number, run their
 * statements one at a time, and end, closing their database, when the client closes them, when the
 * last client connection that used them closes (how a JDBC client's closing shows, as the driver
 * sends no {@code CloseSession}), after an idle timeout, or when the port stops. Each statement
 * streamed, update and refused statement is one metered request of the port. Wrong credentials are {@code UNAUTHENTICATED}, a bad
 * statement {@code INVALID_ARGUMENT} with the database's message, a principal who may read nothing of the
 * product {@code UNAUTHORIZED}.
 */
package dev.dataproduct.ports.flightsql;
