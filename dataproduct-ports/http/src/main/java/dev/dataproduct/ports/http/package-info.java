/**
 * The HTTP port: REST with OpenAPI on the JDK's own HTTP server, serving every product of a
 * {@link dev.dataproduct.core.host.ProductHost} on one port. Every row comes from the product's read
 * path, read as the principal an {@link dev.dataproduct.ports.http.Authenticator} gives for the
 * request ({@link dev.dataproduct.ports.http.StaticTokens}, {@link dev.dataproduct.ports.http.JwtVerifier}
 * or the application's own). Rows are streamed one batch at a time as JSON, CSV or an Arrow stream,
 * paged with RFC 8288 {@code Link} headers, validated with strong ETags; errors are RFC 9457 problem
 * details that name the query parameter at fault and never describe a policy. Usage meters
 * ({@code dataproduct.port.requests}, {@code .rows}, {@code .bytes}, {@code .latency},
 * {@code .denied}) are tagged by product, port, dataset and outcome only.
 *
 * <p>The port also serves the human pages of {@link dev.dataproduct.ports.http.page}: the catalog at
 * {@code /} (HTML) and {@code /catalog} (search, JSON), and each product's data sheet at its address
 * when the client accepts {@code text/html} (a browser does); other clients get the descriptor there
 * as before.
 */
package dev.dataproduct.ports.http;
