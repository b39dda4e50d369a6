/**
 * The port SPI: {@link dev.dataproduct.api.port.InputPort input ports} bring data into a product
 * and {@link dev.dataproduct.api.port.OutputPort output ports} serve its committed snapshots. The
 * built-in ports implement exactly this SPI, so a user's own port works like them.
 */
package dev.dataproduct.api.port;
