package dev.dataproduct.core.lineage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each event as JSON to a lineage endpoint, such as Marquez's
 * {@code http://localhost:5000/api/v1/lineage}, with the JDK's HTTP client.
 *
 * <p>Each attempt has a timeout; a failed attempt (an I/O error, a timeout, a 5xx, 408 or 429
 * answer) is retried up to a bounded number of attempts, waiting twice as long after each. Any
 * other answer outside 2xx is not retried. An event that cannot be delivered is logged and dropped:
 * lineage never fails a run. Header values (such as an API key) are never logged. Events are sent
 * on the run's thread, so an unreachable endpoint delays a run by at most the attempts' timeouts
 * and waits.
 *
 * <pre>{@code
 * HttpLineageTransport marquez = HttpLineageTransport.builder(URI.create("http://localhost:5000/api/v1/lineage"))
 *     .timeout(Duration.ofSeconds(5))
 *     .maxAttempts(3)
 *     .build();
 * }</pre>
 */
public final class HttpLineageTransport implements LineageTransport {
    private static final Logger LOG = LoggerFactory.getLogger(HttpLineageTransport.class);

    private final URI endpoint;
    private final Duration timeout;
    private final int maxAttempts;
    private final Duration backoff;
    private final Map<String, String> headers;
    private final HttpClient client;

    private HttpLineageTransport(Builder b) {
        this.endpoint = b.endpoint;
        this.timeout = b.timeout;
        this.maxAttempts = b.maxAttempts;
        this.backoff = b.backoff;
        this.headers = Map.copyOf(b.headers);
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * @param endpoint the URL events are POSTed to
     * @return a builder with a 5 second timeout, 3 attempts and a first wait of 200 ms
     */
    public static Builder builder(URI endpoint) {
        return new Builder(endpoint);
    }

    @Override
    public void send(String event) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event));
        headers.forEach(request::header);
        HttpRequest built = request.build();
        long wait = backoff.toMillis();
        String last = "";
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                HttpResponse<Void> response = client.send(built, HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return;
                }
                last = "HTTP " + status;
                if (!retriable(status)) {
                    LOG.warn("lineage endpoint {} refused an event with {}; not retried, event dropped", endpoint,
                            status);
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("interrupted while sending a lineage event to {}; event dropped", endpoint);
                return;
            }
            if (attempt < maxAttempts && !pause(wait)) {
                return;
            }
            wait *= 2;
        }
        LOG.warn("lineage endpoint {} failed {} attempts (last: {}); event dropped", endpoint, maxAttempts, last);
    }

    private static boolean retriable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while waiting to retry a lineage event to {}; event dropped", endpoint);
            return false;
        }
    }

    @Override
    public String toString() {
        return "HttpLineageTransport[" + endpoint + "]";
    }

    /** Builds an {@link HttpLineageTransport}. */
    public static final class Builder {
        private final URI endpoint;
        private Duration timeout = Duration.ofSeconds(5);
        private int maxAttempts = 3;
        private Duration backoff = Duration.ofMillis(200);
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            String scheme = endpoint.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("lineage endpoint '" + endpoint + "' is not an http(s) URL");
            }
        }

        /**
         * @param value how long to wait to connect and for each answer; positive
         * @return this builder
         */
        public Builder timeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, not " + value);
            }
            this.timeout = value;
            return this;
        }

        /**
         * @param value how many times an event is tried, 1 to 10
         * @return this builder
         */
        public Builder maxAttempts(int value) {
            if (value < 1 || value > 10) {
                throw new IllegalArgumentException("maxAttempts must be 1 to 10, not " + value);
            }
            this.maxAttempts = value;
            return this;
        }

        /**
         * @param value the wait before the second attempt, doubled before each further one; not negative
         * @return this builder
         */
        public Builder backoff(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("backoff must not be negative, not " + value);
            }
            this.backoff = value;
            return this;
        }

        /**
         * @param name a header sent with every event, such as {@code Authorization}
         * @param value its value; never logged
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @return the transport */
        public HttpLineageTransport build() {
            return new HttpLineageTransport(this);
        }
    }
}
