package dev.dataproduct.ports.flightsql;

import static org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.dataproduct.api.error.AccessDeniedException;
import dev.dataproduct.core.host.PortMeters;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.adapter.jdbc.JdbcFieldInfo;
import org.apache.arrow.adapter.jdbc.JdbcParameterBinder;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.CloseSessionRequest;
import org.apache.arrow.flight.CloseSessionResult;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.NoOpFlightSqlProducer;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCatalogs;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCrossReference;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetExportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetImportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetPrimaryKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTableTypes;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetXdbcTypeInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutUpdateResult;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers Flight SQL calls on the caller's session database: statements, prepared statements with
 * parameters, updates, and the metadata calls JDBC and ADBC clients make. Every call finds its
 * session by the peer identity the {@link SessionAuthenticator} gave it, so a handle of one
 * session means nothing in another. Metadata the databases do not model (keys, type info) is
 * answered empty rather than refused, because tools such as DBeaver ask for it on every table.
 */
final class SessionProducer extends NoOpFlightSqlProducer {
    private static final Logger LOG = LoggerFactory.getLogger(SessionProducer.class);

    private final Sessions sessions;
    private final BufferAllocator allocator;
    private final ResultStreamer results;
    private final SqlInfoBuilder sqlInfo;
    private final PortMeters meters;
    private final String product;

    SessionProducer(Sessions sessions, BufferAllocator allocator, ResultStreamer results, String serverVersion,
                    PortMeters meters, String product) {
        this.sessions = sessions;
        this.meters = meters;
        this.product = product;
        this.allocator = allocator;
        this.results = results;
        this.sqlInfo = new SqlInfoBuilder()
                .withFlightSqlServerName("dataproduct-flight-sql")
                .withFlightSqlServerVersion(serverVersion)
                .withFlightSqlServerArrowVersion(arrowVersion())
                .withFlightSqlServerSql(true)
                .withFlightSqlServerSubstrait(false)
                .withFlightSqlServerTransaction(FlightSql.SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_NONE)
                .withFlightSqlServerCancel(false)
                .withFlightSqlServerBulkIngestion(false)
                // a session database serves reads; whatever a client writes lives and dies with the session
                .withFlightSqlServerReadOnly(true)
                .withSqlDdlCatalog(false)
                .withSqlDdlSchema(false)
                .withSqlDdlTable(false)
                .withSqlTransactionsSupported(false)
                .withSqlIdentifierQuoteChar("\"")
                .withSqlIdentifierCase(SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
                .withSqlQuotedIdentifierCase(SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
                .withSqlSchemaTerm("schema")
                .withSqlCatalogTerm("catalog")
                .withSqlSupportsColumnAliasing(true)
                .withSqlBatchUpdatesSupported(false);
    }

    private Session session(CallContext context) {
        Session session = sessions.find(context.peerIdentity()).orElseThrow(() -> CallStatus.UNAUTHENTICATED
                .withDescription("the session has ended (idle timeout or closed); connect again").toRuntimeException());
        Connections.Peer peer = context.getMiddleware(Connections.KEY);
        if (peer != null && peer.remote() != null) {
            sessions.used(session.key(), peer.remote());
        }
        return session;
    }

    // ---- statements

    @Override
    public FlightInfo getFlightInfoStatement(CommandStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        return refusalMetered(() -> {
            Session session = session(context);
            return session.with(connection -> {
                PreparedStatement statement = connection.prepareStatement(command.getQuery());
                Schema schema;
                try {
                    schema = results.schema(statement.getMetaData());
                } catch (SQLException | RuntimeException e) {
                    statement.close();
                    throw e;
                }
                ByteString handle = session.addPending(statement);
                Ticket ticket = ticket(TicketStatementQuery.newBuilder().setStatementHandle(handle).build());
                return new FlightInfo(schema, descriptor, List.of(new FlightEndpoint(ticket)), -1, -1);
            });
        });
    }

    @Override
    public SchemaResult getSchemaStatement(CommandStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        return call(() -> {
            Session session = session(context);
            return session.with(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(command.getQuery())) {
                    return new SchemaResult(results.schema(statement.getMetaData()));
                }
            });
        });
    }

    @Override
    public void getStreamStatement(TicketStatementQuery ticket, CallContext context, ServerStreamListener listener) {
        meteredStream(listener, () -> {
            Session session = session(context);
            return session.with(connection -> {
                PreparedStatement statement = session.takePending(ticket.getStatementHandle())
                        .orElseThrow(() -> CallStatus.NOT_FOUND.withDescription("no statement with this ticket in this "
                                + "session; a ticket is read once, in the session that asked for it").toRuntimeException());
                try (statement; ResultSet result = statement.executeQuery()) {
                    return results.stream(result, listener);
                } catch (java.io.IOException e) {
                    throw new SQLException("reading the result failed: " + e.getMessage(), e);
                }
            });
        });
    }

    @Override
    public Runnable acceptPutStatement(CommandStatementUpdate command, CallContext context, FlightStream flightStream,
            StreamListener<PutResult> ackStream) {
        return () -> {
            try {
                long count = meteredCall(() -> {
                    Session session = session(context);
                    return session.with(connection -> {
                        try (Statement statement = connection.createStatement()) {
                            return (long) statement.executeUpdate(command.getQuery());
                        }
                    });
                });
                sendUpdateCount(count, ackStream);
            } catch (FlightRuntimeException e) {
                ackStream.onError(e);
            }
        };
    }

    // ---- prepared statements

    @Override
    public void createPreparedStatement(ActionCreatePreparedStatementRequest request, CallContext context,
            StreamListener<Result> listener) {
        try {
            ActionCreatePreparedStatementResult result = refusalMetered(() -> {
                    Session session = session(context);
                    return session.with(connection -> {
                    PreparedStatement statement = connection.prepareStatement(request.getQuery());
                    Schema dataset;
                    Schema parameters;
                    try {
                        dataset = results.schema(statement.getMetaData());
                        parameters = results.parameterSchema(statement.getParameterMetaData());
                    } catch (SQLException | RuntimeException e) {
                        statement.close();
                        throw e;
                    }
                    ByteString handle = session.addPrepared(statement);
                    return ActionCreatePreparedStatementResult.newBuilder()
                            .setPreparedStatementHandle(handle)
                            .setDatasetSchema(ByteString.copyFrom(dataset.serializeAsMessage()))
                            .setParameterSchema(ByteString.copyFrom(parameters.serializeAsMessage()))
                            .build();
                });
            });
            listener.onNext(new Result(Any.pack(result).toByteArray()));
            listener.onCompleted();
        } catch (FlightRuntimeException e) {
            listener.onError(e);
        }
    }

    @Override
    public void closePreparedStatement(ActionClosePreparedStatementRequest request, CallContext context,
            StreamListener<Result> listener) {
        try {
            call(() -> {
                    Session session = session(context);
                    return session.with(connection -> {
                    session.closePrepared(request.getPreparedStatementHandle());
                    return null;
                });
            });
            listener.onCompleted();
        } catch (FlightRuntimeException e) {
            listener.onError(e);
        }
    }

    @Override
    public FlightInfo getFlightInfoPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        return call(() -> {
            Session session = session(context);
            return session.with(connection -> {
                Schema schema = results.schema(session.prepared(command.getPreparedStatementHandle()).getMetaData());
                return new FlightInfo(schema, descriptor, List.of(new FlightEndpoint(ticket(command))), -1, -1);
            });
        });
    }

    @Override
    public SchemaResult getSchemaPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        return call(() -> {
            Session session = session(context);
            return session.with(connection -> new SchemaResult(
                results.schema(session.prepared(command.getPreparedStatementHandle()).getMetaData())));
        });
    }

    @Override
    public void getStreamPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
            ServerStreamListener listener) {
        meteredStream(listener, () -> {
            Session session = session(context);
            return session.with(connection -> {
                PreparedStatement statement = session.prepared(command.getPreparedStatementHandle());
                try (ResultSet result = statement.executeQuery()) {
                    return results.stream(result, listener);
                } catch (java.io.IOException e) {
                    throw new SQLException("reading the result failed: " + e.getMessage(), e);
                }
            });
        });
    }

    @Override
    public Runnable acceptPutPreparedStatementQuery(CommandPreparedStatementQuery command, CallContext context,
            FlightStream flightStream, StreamListener<PutResult> ackStream) {
        return () -> {
            try {
                call(() -> {
                    Session session = session(context);
                    return session.with(connection -> {
                        PreparedStatement statement = session.prepared(command.getPreparedStatementHandle());
                        while (flightStream.next()) {
                            VectorSchemaRoot parameters = flightStream.getRoot();
                            if (parameters.getRowCount() == 0) {
                                continue;
                            }
                            if (parameters.getRowCount() > 1) {
                                throw CallStatus.INVALID_ARGUMENT.withDescription("a query takes one row of parameters, "
                                        + "not " + parameters.getRowCount() + "; run it once per row").toRuntimeException();
                            }
                            JdbcParameterBinder.builder(statement, parameters).bindAll().build().next();
                        }
                        return null;
                    });
                });
                ackStream.onCompleted();
            } catch (FlightRuntimeException e) {
                ackStream.onError(e);
            }
        };
    }

    @Override
    public Runnable acceptPutPreparedStatementUpdate(CommandPreparedStatementUpdate command, CallContext context,
            FlightStream flightStream, StreamListener<PutResult> ackStream) {
        return () -> {
            try {
                long count = meteredCall(() -> {
                    Session session = session(context);
                    return session.with(connection -> {
                        PreparedStatement statement = session.prepared(command.getPreparedStatementHandle());
                        long updated = 0;
                        boolean ran = false;
                        while (flightStream.next()) {
                            JdbcParameterBinder binder = JdbcParameterBinder.builder(statement, flightStream.getRoot())
                                    .bindAll().build();
                            while (binder.next()) {
                                updated += statement.executeUpdate();
                                ran = true;
                            }
                        }
                        return ran ? updated : statement.executeUpdate();
                    });
                });
                sendUpdateCount(count, ackStream);
            } catch (FlightRuntimeException e) {
                ackStream.onError(e);
            }
        };
    }

    // ---- metadata

    @Override
    public FlightInfo getFlightInfoSqlInfo(CommandGetSqlInfo request, CallContext context, FlightDescriptor descriptor) {
        return info(request, descriptor, Schemas.GET_SQL_INFO_SCHEMA);
    }

    @Override
    public void getStreamSqlInfo(CommandGetSqlInfo command, CallContext context, ServerStreamListener listener) {
        sqlInfo.send(command.getInfoList(), listener);
    }

    @Override
    public FlightInfo getFlightInfoCatalogs(CommandGetCatalogs request, CallContext context,
            FlightDescriptor descriptor) {
        return info(request, descriptor, Schemas.GET_CATALOGS_SCHEMA);
    }

    @Override
    public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
        metadataRows(context, listener, Schemas.GET_CATALOGS_SCHEMA, metadata -> {
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = metadata.getCatalogs()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getString("TABLE_CAT")});
                }
            }
            return rows;
        });
    }

    @Override
    public FlightInfo getFlightInfoSchemas(CommandGetDbSchemas request, CallContext context,
            FlightDescriptor descriptor) {
        return info(request, descriptor, Schemas.GET_SCHEMAS_SCHEMA);
    }

    @Override
    public void getStreamSchemas(CommandGetDbSchemas command, CallContext context, ServerStreamListener listener) {
        String catalog = command.hasCatalog() ? command.getCatalog() : null;
        String pattern = command.hasDbSchemaFilterPattern() ? command.getDbSchemaFilterPattern() : null;
        metadataRows(context, listener, Schemas.GET_SCHEMAS_SCHEMA, metadata -> {
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = metadata.getSchemas(catalog, pattern)) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getString("TABLE_CATALOG"), rs.getString("TABLE_SCHEM")});
                }
            }
            return rows;
        });
    }

    @Override
    public FlightInfo getFlightInfoTables(CommandGetTables request, CallContext context, FlightDescriptor descriptor) {
        return info(request, descriptor,
                request.getIncludeSchema() ? Schemas.GET_TABLES_SCHEMA : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA);
    }

    @Override
    public void getStreamTables(CommandGetTables command, CallContext context, ServerStreamListener listener) {
        String catalog = command.hasCatalog() ? command.getCatalog() : null;
        String schemaPattern = command.hasDbSchemaFilterPattern() ? command.getDbSchemaFilterPattern() : null;
        String tablePattern = command.hasTableNameFilterPattern() ? command.getTableNameFilterPattern() : null;
        String[] types = command.getTableTypesCount() == 0 ? null : command.getTableTypesList().toArray(String[]::new);
        boolean withSchema = command.getIncludeSchema();
        Schema answer = withSchema ? Schemas.GET_TABLES_SCHEMA : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA;
        metadataRows(context, listener, answer, metadata -> {
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = metadata.getTables(catalog, schemaPattern, tablePattern, types)) {
                while (rs.next()) {
                    String cat = rs.getString("TABLE_CAT");
                    String schema = rs.getString("TABLE_SCHEM");
                    String table = rs.getString("TABLE_NAME");
                    String type = rs.getString("TABLE_TYPE");
                    rows.add(withSchema ? new Object[] {cat, schema, table, type, null}
                            : new Object[] {cat, schema, table, type});
                }
            }
            if (withSchema) {
                for (Object[] row : rows) {
                    row[4] = tableSchema(metadata, (String) row[0], (String) row[1], (String) row[2])
                            .serializeAsMessage();
                }
            }
            return rows;
        });
    }

    @Override
    public FlightInfo getFlightInfoTableTypes(CommandGetTableTypes request, CallContext context,
            FlightDescriptor descriptor) {
        return info(request, descriptor, Schemas.GET_TABLE_TYPES_SCHEMA);
    }

    @Override
    public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
        metadataRows(context, listener, Schemas.GET_TABLE_TYPES_SCHEMA, metadata -> {
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = metadata.getTableTypes()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getString("TABLE_TYPE")});
                }
            }
            return rows;
        });
    }

    @Override
    public FlightInfo getFlightInfoPrimaryKeys(CommandGetPrimaryKeys request, CallContext context,
            FlightDescriptor descriptor) {
        return info(request, descriptor, Schemas.GET_PRIMARY_KEYS_SCHEMA);
    }

    @Override
    public void getStreamPrimaryKeys(CommandGetPrimaryKeys command, CallContext context,
            ServerStreamListener listener) {
        empty(context, listener, Schemas.GET_PRIMARY_KEYS_SCHEMA);
    }

    @Override
    public FlightInfo getFlightInfoExportedKeys(CommandGetExportedKeys request, CallContext context,
            FlightDescriptor descriptor) {
        return info(request, descriptor, Schemas.GET_EXPORTED_KEYS_SCHEMA);
    }

    @Override
    public void getStreamExportedKeys(CommandGetExportedKeys command, CallContext context,
            ServerStreamListener listener) {
        empty(context, listener, Schemas.GET_EXPORTED_KEYS_SCHEMA);
    }

    @Override
    public FlightInfo getFlightInfoImportedKeys(CommandGetImportedKeys request, CallContext context,
            FlightDescriptor descriptor) {
        return info(request, descriptor, Schemas.GET_IMPORTED_KEYS_SCHEMA);
    }

    @Override
    public void getStreamImportedKeys(CommandGetImportedKeys command, CallContext context,
            ServerStreamListener listener) {
        empty(context, listener, Schemas.GET_IMPORTED_KEYS_SCHEMA);
    }

    @Override
    public FlightInfo getFlightInfoCrossReference(CommandGetCrossReference request, CallContext context,
            FlightDescriptor descriptor) {
        return info(request, descriptor, Schemas.GET_CROSS_REFERENCE_SCHEMA);
    }

    @Override
    public void getStreamCrossReference(CommandGetCrossReference command, CallContext context,
            ServerStreamListener listener) {
        empty(context, listener, Schemas.GET_CROSS_REFERENCE_SCHEMA);
    }

    @Override
    public FlightInfo getFlightInfoTypeInfo(CommandGetXdbcTypeInfo request, CallContext context,
            FlightDescriptor descriptor) {
        return info(request, descriptor, Schemas.GET_TYPE_INFO_SCHEMA);
    }

    @Override
    public void getStreamTypeInfo(CommandGetXdbcTypeInfo request, CallContext context, ServerStreamListener listener) {
        empty(context, listener, Schemas.GET_TYPE_INFO_SCHEMA);
    }

    // ---- sessions

    @Override
    public void closeSession(CloseSessionRequest request, CallContext context,
            StreamListener<CloseSessionResult> listener) {
        sessions.end(context.peerIdentity());
        listener.onNext(new CloseSessionResult(CloseSessionResult.Status.CLOSED));
        listener.onCompleted();
    }

    // ---- helpers

    /** Work that may fail with a database error, turned into the status a client understands. */
    @FunctionalInterface
    private interface Call<T> {
        T run() throws SQLException;
    }

    @FunctionalInterface
    private interface MetadataQuery {
        List<Object[]> rows(DatabaseMetaData metadata) throws SQLException;
    }

    private static <T> T call(Call<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            // the database's message names what is wrong in the statement; it can only show what the
            // session's principal may read, as the database holds nothing else
            throw CallStatus.INVALID_ARGUMENT.withDescription(e.getMessage()).withCause(e).toRuntimeException();
        } catch (FlightRuntimeException e) {
            throw e;
        } catch (AccessDeniedException e) {
            // the read path audited the denial; the client learns nothing of the policy
            throw CallStatus.UNAUTHORIZED.withDescription("the principal may read nothing served here")
                    .toRuntimeException();
        } catch (RuntimeException e) {
            LOG.error("a Flight SQL call failed", e);
            throw CallStatus.INTERNAL.withDescription("the server failed to answer; its log has the cause")
                    .toRuntimeException();
        }
    }

    /**
     * Runs a statement whose result streams to the client, as one metered request: its rows sent, its
     * outcome, the time until the stream ended.
     */
    private void meteredStream(ServerStreamListener listener, Call<Long> work) {
        long start = System.nanoTime();
        long rows = 0;
        String outcome = "ok";
        try {
            long sent = call(work);
            rows = sent < 0 ? -1 - sent : sent;
            outcome = sent < 0 ? "aborted" : "ok";
        } catch (FlightRuntimeException e) {
            outcome = outcome(e);
            listener.error(e);
        } finally {
            meters.record(product, "-", outcome, rows, 0, System.nanoTime() - start);
        }
    }

    /**
     * Plans a statement; a statement the database refuses is a metered request (one it accepts is
     * metered when its result is streamed).
     */
    private <T> T refusalMetered(Call<T> work) {
        long start = System.nanoTime();
        try {
            return call(work);
        } catch (FlightRuntimeException e) {
            meters.record(product, "-", outcome(e), 0, 0, System.nanoTime() - start);
            throw e;
        }
    }

    /** Runs an update as one metered request (no rows sent). */
    private long meteredCall(Call<Long> work) {
        long start = System.nanoTime();
        String outcome = "ok";
        try {
            return call(work);
        } catch (FlightRuntimeException e) {
            outcome = outcome(e);
            throw e;
        } finally {
            meters.record(product, "-", outcome, 0, 0, System.nanoTime() - start);
        }
    }

    /** The outcome tag of a failed call, from the fixed set every port uses. */
    private static String outcome(FlightRuntimeException e) {
        return switch (e.status().code()) {
            case INVALID_ARGUMENT -> "bad_request";
            case NOT_FOUND -> "not_found";
            case UNAUTHENTICATED -> "unauthorized";
            case UNAUTHORIZED -> "denied";
            case CANCELLED, TIMED_OUT -> "aborted";
            default -> "error";
        };
    }

    private static void stream(ServerStreamListener listener, Call<?> work) {
        try {
            call(work);
        } catch (FlightRuntimeException e) {
            listener.error(e);
        }
    }

    private void metadataRows(CallContext context, ServerStreamListener listener, Schema schema,
            MetadataQuery query) {
        stream(listener, () -> {
            List<Object[]> rows = session(context).with(connection -> query.rows(connection.getMetaData()));
            results.sendRows(schema, rows, listener);
            return null;
        });
    }

    private void empty(CallContext context, ServerStreamListener listener, Schema schema) {
        stream(listener, () -> {
            session(context);
            results.sendRows(schema, List.of(), listener);
            return null;
        });
    }

    private Schema tableSchema(DatabaseMetaData metadata, String catalog, String schema, String table)
            throws SQLException {
        List<Field> fields = new ArrayList<>();
        // names go in as patterns, where '_' matches any character: only exact matches are kept
        try (ResultSet columns = metadata.getColumns(catalog, schema, table, "%")) {
            while (columns.next()) {
                if (!table.equals(columns.getString("TABLE_NAME"))
                        || (schema != null && !schema.equals(columns.getString("TABLE_SCHEM")))) {
                    continue;
                }
                JdbcFieldInfo info = new JdbcFieldInfo(columns.getInt("DATA_TYPE"), columns.getInt("NULLABLE"),
                        columns.getInt("COLUMN_SIZE"), columns.getInt("DECIMAL_DIGITS"));
                FieldType type = new FieldType(info.isNullable() != DatabaseMetaData.columnNoNulls,
                        ResultStreamer.arrowType(info), null);
                fields.add(new Field(columns.getString("COLUMN_NAME"), type, null));
            }
        }
        return new Schema(fields);
    }

    private static FlightInfo info(Message command, FlightDescriptor descriptor, Schema schema) {
        return new FlightInfo(schema, descriptor, List.of(new FlightEndpoint(ticket(command))), -1, -1);
    }

    private static Ticket ticket(Message command) {
        return new Ticket(Any.pack(command).toByteArray());
    }

    private void sendUpdateCount(long count, StreamListener<PutResult> ackStream) {
        byte[] bytes = DoPutUpdateResult.newBuilder().setRecordCount(count).build().toByteArray();
        try (ArrowBuf buffer = allocator.buffer(bytes.length)) {
            buffer.writeBytes(bytes);
            ackStream.onNext(PutResult.metadata(buffer));
        }
        ackStream.onCompleted();
    }

    private static String arrowVersion() {
        String v = VectorSchemaRoot.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    @Override
    public String toString() {
        return "SessionProducer[" + sessions.size() + " sessions]";
    }
}
