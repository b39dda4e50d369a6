/**
 * The product host: holds products, their store and their serving ports, runs the products and
 * starts and stops the ports. One host serves many products on one port. Every serving port reads
 * through each product's {@link dev.dataproduct.core.read.ProductReader}, so the access policy is
 * the same on every port; the host counts distinct consumers per day from the audit of those reads.
 * {@link dev.dataproduct.core.host.PortMeters} records the usage meters every serving port shares
 * ({@code dataproduct.port.requests}, {@code rows}, {@code bytes}, {@code latency}, {@code denied}).
 */
package dev.dataproduct.core.host;
