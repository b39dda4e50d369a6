/**
 * The human port: a self-contained HTML data sheet per product and the catalog of a mesh with its
 * interaction map, rendered in Java (charts and graphs as inline SVG, a small inline stylesheet, no
 * script, font or stylesheet loaded; every text escaped). {@link dev.dataproduct.ports.http.page.Pages}
 * renders them for the REST port ({@code GET /}, {@code GET /catalog?q=...}, and a product's address
 * with {@code Accept: text/html}); {@link dev.dataproduct.ports.http.page.StaticSite} writes them as a
 * folder that opens from disk, and {@link dev.dataproduct.ports.http.page.DataSheetPort} rewrites a
 * product's sheet there after each commit. {@link dev.dataproduct.ports.http.page.CatalogQuery}
 * searches by text, domain, owner, tag, field, classification and status.
 *
 * <p>A sheet's sample rows are read through the product's read path as the viewing principal; a
 * dataset the viewer may not read shows a note instead of rows and of quality outcomes. Quality
 * trends are charted only for metrics on public or internal columns, and outcomes are shown as
 * outcomes and failing-row counts, never values.
 */
package dev.dataproduct.ports.http.page;
