package dev.dataproduct.ports.http;

import com.sun.net.httpserver.HttpServer;
import dev.dataproduct.api.access.Authenticator;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.core.host.PortMeters;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.host.ServingPort;
import dev.dataproduct.ports.http.page.Pages;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The REST port: serves every product of a {@link ProductHost} on one HTTP port, with the JDK's own
 * HTTP server and a bounded worker pool. Every row it sends comes from the product's read path, read
 * as the principal the {@link Authenticator} gives for the request.
 *
 * <p>Layout, relative to {@link #baseUri()}: {@code /} (the catalog page, HTML), {@code /catalog} (the
 * catalog searched, JSON: see {@link dev.dataproduct.ports.http.page.CatalogQuery}), {@code /products};
 * and under {@code /products/{domain}/{name}/v{major}}: the descriptor (ODPS, JSON or YAML; the data
 * sheet with {@code Accept: text/html}, see {@link dev.dataproduct.ports.http.page.Pages}), {@code /contract}
 * (ODCS), {@code /openapi.json} (OpenAPI 3.1), {@code /datasets/{dataset}} (rows, JSON, CSV or Arrow
 * stream, PostgREST-style queries, paging by {@code Link}, ETags), {@code /snapshots},
 * {@code /quality} and {@code /usage}. Errors are problem details (RFC 9457).
 *
 * {@snippet :
 * RestPort rest = RestPort.builder().port(8080).authenticator(tokens).build();
 * }
 *
 * <p>The JDK server reads its request and response timeouts from the system properties
 * {@code sun.net.httpserver.maxReqTime} and {@code sun.net.httpserver.maxRspTime} once; when they
 * are unset, the first port started sets them from {@link Builder#requestTimeout} and
 * {@link Builder#responseTimeout}, so a slow or vanished client gives back its thread and its
 * snapshot pin. Besides, a write that stays blocked for longer than {@link Builder#stallTimeout}
 * (a client that stopped reading but keeps its connection open) ends the response, so such a client
 * holds a worker and a pin for no longer than that. The first port started also sets
 * {@code sun.net.httpserver.nodelay} to {@code true} when unset, or each streamed response would end
 * waiting for a delayed acknowledgement.
 */
public final class RestPort implements ServingPort {
    /** The default port name, used in audit records and meter tags. */
    public static final String DEFAULT_NAME = "rest";

    private final Builder config;
    private volatile HttpServer server;
    private volatile ThreadPoolExecutor workers;
    /** The threads that send the chunks the workers encode, one at most per worker. */
    private volatile ThreadPoolExecutor senders;
    private volatile BufferAllocator allocator;
    private volatile StallGuard guard;

    private RestPort(Builder config) {
        this.config = config;
    }

    /** @return a builder with defaults: loopback, a free port, 8 workers */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the feature serving of a product, if this port serves its features */
    Optional<dev.dataproduct.core.feature.FeatureServing> features(dev.dataproduct.api.product.ProductAddress product) {
        return Optional.ofNullable(config.features.get(product));
    }

    @Override
    public PortDescriptor descriptor() {
        HttpServer s = server;
        return new PortDescriptor(config.name, "serving", "rest", s == null ? "not started" : baseUri().toString());
    }

    /**
     * @return the base URL, as in {@code http://127.0.0.1:8080}
     * @throws IllegalStateException before the port is started
     */
    public URI baseUri() {
        HttpServer s = server;
        if (s == null) {
            throw new IllegalStateException("the REST port '" + config.name + "' is not started; start its host");
        }
        String host = config.host.contains(":") ? "[" + config.host + "]" : config.host;
        return URI.create("http://" + host + ":" + s.getAddress().getPort());
    }

    @Override
    public synchronized void start(ProductHost host) {
        Objects.requireNonNull(host, "host");
        if (server != null) {
            throw new IllegalStateException("the REST port '" + config.name + "' is already started");
        }
        setTimeoutDefaults();
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(config.threads, config.threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.queue), r -> {
                    Thread t = new Thread(r, "rest-" + config.name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        HttpServer s;
        try {
            s = HttpServer.create(new InetSocketAddress(config.host, config.port), config.backlog);
        } catch (IOException e) {
            pool.shutdownNow();
            throw new PortException("REST port '" + config.name + "' cannot listen on " + config.host + ":"
                    + config.port + " (" + e.getMessage() + "); choose another port or stop what holds it", e);
        }
        s.setExecutor(pool);
        AtomicInteger m = new AtomicInteger();
        ThreadPoolExecutor send = new ThreadPoolExecutor(0, config.threads, 60, TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "rest-" + config.name + "-send-" + m.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        BufferAllocator child = host.allocator().newChildAllocator("rest-" + config.name, 0, Long.MAX_VALUE);
        StallGuard stalls = new StallGuard(config.stallTimeout, config.name);
        s.createContext("/", new RestHandler(host, config.name, config.authenticator, config.defaultLimit,
                config.maxLimit, config.maxUriChars, new PortMeters(host.meterRegistry(), config.name), this, child,
                stalls, send, config.pages));
        s.start();
        this.guard = stalls;
        this.workers = pool;
        this.senders = send;
        this.allocator = child;
        this.server = s;
    }

    private void setTimeoutDefaults() {
        // without TCP_NODELAY a chunked response's last small write waits for a delayed ACK (about 40 ms)
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(config.requestTimeout.toSeconds()));
        }
        if (System.getProperty("sun.net.httpserver.maxRspTime") == null) {
            System.setProperty("sun.net.httpserver.maxRspTime", Long.toString(config.responseTimeout.toSeconds()));
        }
    }

    @Override
    public synchronized void close() {
        HttpServer s = server;
        if (s == null) {
            return;
        }
        server = null;
        s.stop(0);
        guard.close();
        workers.shutdownNow();
        try {
            // a worker stuck writing to a client is interrupted above; give it a moment to release its pin
            workers.awaitTermination(5, TimeUnit.SECONDS);
            senders.shutdownNow();
            senders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            allocator.close();
        }
    }

    @Override
    public String toString() {
        return "RestPort[" + config.name + ", " + (server == null ? "stopped" : baseUri()) + "]";
    }

    /** Builds a {@link RestPort}. */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private String host = "127.0.0.1";
        private int port;
        private Authenticator authenticator;
        private int threads = 8;
        private int queue = 64;
        private int backlog = 64;
        private long defaultLimit = 1000;
        private long maxLimit = 100_000;
        private int maxUriChars = 8192;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration responseTimeout = Duration.ofMinutes(5);
        private Duration stallTimeout = Duration.ofSeconds(30);
        private Pages pages = Pages.builder().build();
        private final java.util.Map<dev.dataproduct.api.product.ProductAddress,
                dev.dataproduct.core.feature.FeatureServing> features = new java.util.LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Serves online feature lookups of feature products at
         * {@code /products/{domain}/{name}/v{major}/features?keys=k1,k2}, each through the product's
         * access policy (see {@link dev.dataproduct.core.feature.FeatureServing}).
         *
         * @param value the feature serving of a product the host holds
         * @return this builder
         */
        public Builder features(dev.dataproduct.core.feature.FeatureServing value) {
            Objects.requireNonNull(value, "features");
            features.put(value.product(), value);
            return this;
        }

        /**
         * @param value the port name, in audit records and meter tags (default {@value #DEFAULT_NAME})
         * @return this builder
         */
        public Builder name(String value) {
            if (Objects.requireNonNull(value, "name").isBlank()) {
                throw new IllegalArgumentException("a port name must not be blank");
            }
            this.name = value;
            return this;
        }

        /**
         * @param value the address to listen on (default {@code 127.0.0.1}; {@code 0.0.0.0} for all)
         * @return this builder
         */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /**
         * @param value the TCP port, 0 for a free one (the default)
         * @return this builder
         */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("a TCP port is 0 to 65535, got " + value);
            }
            this.port = value;
            return this;
        }

        /**
         * @param value turns requests into principals (required)
         * @return this builder
         */
        public Builder authenticator(Authenticator value) {
            this.authenticator = Objects.requireNonNull(value, "authenticator");
            return this;
        }

        /**
         * @param count worker threads (default 8); at most {@code queue} more requests wait, the rest
         *     are refused (the connection is closed)
         * @param queue requests that may wait for a worker (default 64)
         * @return this builder
         */
        public Builder workers(int count, int queue) {
            if (count < 1 || queue < 1) {
                throw new IllegalArgumentException("workers and queue must be 1 or more, got " + count + ", "
                        + queue);
            }
            this.threads = count;
            this.queue = queue;
            return this;
        }

        /**
         * @param defaultRows rows per page when a request gives no limit (default 1000)
         * @param maxRows the largest limit a request may ask (default 100000)
         * @return this builder
         */
        public Builder pageSize(long defaultRows, long maxRows) {
            if (defaultRows < 1 || maxRows < defaultRows) {
                throw new IllegalArgumentException("need 1 <= default page size <= max page size, got "
                        + defaultRows + " and " + maxRows);
            }
            this.defaultLimit = defaultRows;
            this.maxLimit = maxRows;
            return this;
        }

        /**
         * @param chars the longest request target accepted (default 8192); longer ones get 414
         * @return this builder
         */
        public Builder maxUriChars(int chars) {
            if (chars < 256) {
                throw new IllegalArgumentException("maxUriChars must be at least 256, got " + chars);
            }
            this.maxUriChars = chars;
            return this;
        }

        /**
         * @param value how long a client may take to send its request (default 30 s)
         * @return this builder
         */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = positive(value, "requestTimeout");
            return this;
        }

        /**
         * @param value how long a response may take to be sent (default 5 min)
         * @return this builder
         */
        public Builder responseTimeout(Duration value) {
            this.responseTimeout = positive(value, "responseTimeout");
            return this;
        }

        /**
         * @param value how long one write to a client may stay blocked, because the client stopped
         *     reading, before the response is abandoned and its worker and snapshot pin are given back
         *     (default 30 s); unlike {@link #responseTimeout}, it never cuts a large response that is
         *     still moving
         * @return this builder
         */
        public Builder stallTimeout(Duration value) {
            this.stallTimeout = positive(value, "stallTimeout");
            return this;
        }

        /**
         * @param value the sources of the data sheets and the catalog served at {@code /}, {@code /catalog}
         *     and each product's address with {@code Accept: text/html} (default: the host's products and
         *     their snapshots and latest runs only)
         * @return this builder
         */
        public Builder pages(Pages value) {
            this.pages = Objects.requireNonNull(value, "pages");
            return this;
        }

        private static Duration positive(Duration value, String what) {
            if (value.toSeconds() < 1) {
                throw new IllegalArgumentException(what + " must be at least one second, got " + value);
            }
            return value;
        }

        /**
         * @return the port, not yet started
         * @throws IllegalStateException if no authenticator was given
         */
        public RestPort build() {
            if (authenticator == null) {
                throw new IllegalStateException("the REST port '" + name + "' has no authenticator; give one with "
                        + "authenticator(...), for example StaticTokens or JwtVerifier");
            }
            return new RestPort(this);
        }
    }
}
