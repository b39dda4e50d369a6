package dev.dataproduct.ports.sql;

import dev.dataproduct.core.host.PortMeters;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters the statements of one session: each execution is one {@code dataproduct.port.*} request
 * of the session's port, tagged with the product, dataset {@code -} (a statement may read several
 * tables; its text is never a tag) and its outcome: {@code ok}, or {@code bad_request} when the
 * database refuses it (a syntax error, an unknown column, a locked operation), or {@code error} when
 * reading its result fails. Its rows are those the client read, its latency runs from the execution
 * to the closing of its result (or the next execution, or the session's end), as REST's includes
 * the body.
 */
final class MeteredStatements {
    private final PortMeters meters;
    private final String product;
    private final Set<Execution> open = ConcurrentHashMap.newKeySet();

    MeteredStatements(PortMeters meters, String product) {
        this.meters = meters;
        this.product = product;
    }

    /** One execution, counted once. */
    private final class Execution {
        private final long start = System.nanoTime();
        private long rows;
        private boolean done;

        Execution() {
            open.add(this);
        }

        synchronized void row() {
            rows++;
        }

        synchronized void finish(String outcome) {
            if (done) {
                return;
            }
            done = true;
            open.remove(this);
            meters.record(product, "-", outcome, rows, 0, System.nanoTime() - start);
        }
    }

    /**
     * @param statement a statement of the session's database
     * @param type the interface it is handed out as ({@code Statement}, {@code PreparedStatement}, ...)
     * @return the statement, metering each of its executions
     */
    Object statement(Statement statement, Class<?> type) {
        Execution[] current = new Execution[1];
        return Proxy.newProxyInstance(MeteredStatements.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    String name = method.getName();
                    boolean executes = name.startsWith("execute");
                    if (executes || name.equals("close")) {
                        finish(current[0], "ok");
                        current[0] = null;
                    }
                    if (!executes) {
                        Object out = invoke(method, statement, args);
                        return out instanceof ResultSet rs && current[0] != null ? result(rs, current[0]) : out;
                    }
                    Execution execution = new Execution();
                    Object out;
                    try {
                        out = invoke(method, statement, args);
                    } catch (SQLException e) {
                        execution.finish("bad_request");
                        throw e;
                    } catch (RuntimeException | Error e) {
                        execution.finish("error");
                        throw e;
                    }
                    if (out instanceof ResultSet rs) {
                        current[0] = execution;
                        return result(rs, execution);
                    }
                    if (Boolean.TRUE.equals(out)) {
                        // execute() with a result: counted as the client reads getResultSet()
                        current[0] = execution;
                    } else {
                        execution.finish("ok");
                    }
                    return out;
                });
    }

    /** Ends the executions whose results are still open (the session is closing). */
    void closeAll() {
        for (Execution e : open.toArray(new Execution[0])) {
            e.finish("ok");
        }
    }

    private ResultSet result(ResultSet rs, Execution execution) {
        return (ResultSet) Proxy.newProxyInstance(MeteredStatements.class.getClassLoader(),
                new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "next" -> {
                            try {
                                Object more = invoke(method, rs, args);
                                if (Boolean.TRUE.equals(more)) {
                                    execution.row();
                                }
                                return more;
                            } catch (SQLException e) {
                                execution.finish("error");
                                throw e;
                            }
                        }
                        case "close" -> {
                            try {
                                return invoke(method, rs, args);
                            } finally {
                                execution.finish("ok");
                            }
                        }
                        default -> {
                            return invoke(method, rs, args);
                        }
                    }
                });
    }

    private static void finish(Execution execution, String outcome) {
        if (execution != null) {
            execution.finish(outcome);
        }
    }

    static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
