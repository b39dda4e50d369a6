/**
 * The HTTP port: REST with OpenAPI on the JDK's own HTTP server, serving every product of a
 * {@link dev.dataproduct.core.host.ProductHost} on one port. Every row comes from the product's read
 * path, read as the principal an {@link dev.dataproduct.api.access.Authenticator} gives for the
 * request ({@link dev.dataproduct.ports.http.StaticTokens}, {@link dev.dataproduct.ports.http.JwtVerifier}
 * or the application's own). Rows are streamed one batch at a time as JSON, CSV or an Arrow stream,
 * paged with RFC 8288 {@code Link} headers, validated with strong ETags. A JSON body is always valid
 * UTF-8: text stored with malformed UTF-8 has each malformed sequence replaced by U+FFFD, as the JDK's
 * decoder does; JSON leaves in writes of 64 KiB, not one per batch. JSON and CSV bodies are encoded by
 * the worker while a sender thread (at most one per worker; the worker writes itself when none is
 * free) writes the previous 64 KiB to the client, so that encoding and the server's own writes run on
 * two cores; chunks are handed over four at a time, a response holds three buffers of four chunks
 * at most, and a failed or stalled write ends it as before. An Arrow answer that is every
 * stored row and column as stored (the caller's policy admits every row and masks nothing; no
 * {@code select} other than every column in order, no filter, order or cursor; a limit that reaches
 * every row) sends the stored record batch messages as they are, without decoding and encoding them
 * again; they are the very bytes the port would write batch by batch
 * ({@link dev.dataproduct.core.read.ReadResult#storedBatches()}). Errors are RFC 9457 problem
 * details that name the query parameter at fault (a column the caller cannot read by the parameter
 * it was written in, alike for hidden and absent columns) and never describe a policy. Every
 * resource answers {@code GET} and {@code HEAD} (a GET's status and headers, no body; other methods
 * get 405 with {@code Allow: GET, HEAD}); a query sent as raw UTF-8 bytes reads as if it were
 * percent-encoded. Usage meters
 * ({@code dataproduct.port.requests}, {@code .rows}, {@code .bytes}, {@code .latency},
 * {@code .denied}) are tagged by product, port, dataset and outcome only, and recorded before a
 * response's last bytes go out; each read of rows is also given to the host's
 * {@link dev.dataproduct.core.slo.ReadRecorder}, only a failure of the port counting against its
 * availability. A client that stops reading while keeping its connection open is cut off after
 * {@link dev.dataproduct.ports.http.RestPort.Builder#stallTimeout}, which gives back its worker and
 * its snapshot pin.
 *
 * <p>The port also serves the human pages of {@link dev.dataproduct.ports.http.page}: the catalog at
 * {@code /} (HTML) and {@code /catalog} (search, JSON), and each product's data sheet at its address
 * when the client accepts {@code text/html} (a browser does); other clients get the descriptor there
 * as before.
 *
 * <p>A feature product given to {@link dev.dataproduct.ports.http.RestPort.Builder#features} has its
 * online features looked up at {@code .../features?keys=k1,k2}: each key's features now, each with its
 * value, status and event time, through the product's policy (a withheld row answers
 * {@code NOT_FOUND}, a hidden feature is left out); the resource is in the product's OpenAPI document.
 */
package dev.dataproduct.ports.http;
