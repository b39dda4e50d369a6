package dev.dataproduct.ports.flightsql;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerTransportFilter;
import io.grpc.netty.NettyServerBuilder;
import java.net.SocketAddress;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;
import org.apache.arrow.flight.grpc.ServerInterceptorAdapter;

/**
 * Ties sessions to the client connections that use them, so that a session ends when the last
 * connection using it closes. The Flight SQL JDBC driver never sends {@code CloseSession} (18.3.0
 * sends it only when a catalog is set), but closing a JDBC connection shuts its gRPC channel, whose
 * TCP connection the server sees end: that is the hook. A gRPC interceptor puts each call's remote
 * address into the call's Flight middleware, which the producer reads; the end of a connection
 * reaches the sessions through a transport filter.
 */
final class Connections {
    /** The Flight middleware of a call, holding the address of the connection it came on. */
    static final FlightServerMiddleware.Key<Peer> KEY = FlightServerMiddleware.Key.of("dataproduct-connection");

    private Connections() {
    }

    /** The connection a call came on, known once the interceptor has seen the call. */
    static final class Peer implements FlightServerMiddleware {
        private volatile SocketAddress remote;

        /** @return the remote address of the call's connection, or null if unknown */
        SocketAddress remote() {
            return remote;
        }

        @Override
        public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {
            // nothing to add
        }

        @Override
        public void onCallCompleted(CallStatus status) {
            // nothing to record
        }

        @Override
        public void onCallErrored(Throwable err) {
            // nothing to record
        }
    }

    /** @return the factory of each call's {@link Peer} middleware */
    static FlightServerMiddleware.Factory<Peer> middleware() {
        return (CallInfo info, CallHeaders headers, RequestContext context) -> new Peer();
    }

    /**
     * @param sessions told when a connection ends
     * @return what the gRPC server builder gets: the interceptor and the transport filter
     */
    static Consumer<NettyServerBuilder> tracking(Sessions sessions) {
        return builder -> builder
                .intercept(new ServerInterceptor() {
                    @Override
                    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                            ServerCallHandler<Q, R> next) {
                        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
                        // Flight's middleware interceptor runs first (gRPC runs the last added first), so the
                        // call's middleware is in the context already
                        Map<FlightServerMiddleware.Key<?>, FlightServerMiddleware> middleware =
                                ServerInterceptorAdapter.SERVER_MIDDLEWARE_KEY.get();
                        if (middleware != null && middleware.get(KEY) instanceof Peer peer) {
                            peer.remote = remote;
                        }
                        return next.startCall(call, headers);
                    }
                })
                .addTransportFilter(new ServerTransportFilter() {
                    @Override
                    public void transportTerminated(Attributes transportAttrs) {
                        SocketAddress remote = transportAttrs.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
                        if (remote != null) {
                            sessions.connectionClosed(remote);
                        }
                    }
                });
    }
}
