/**
 * The port SPI: {@link dev.dataproduct.api.port.InputPort input ports} bring data into a product
 * and {@link dev.dataproduct.api.port.OutputPort delivery ports} write out each committed snapshot
 * for an audience. A delivery port is handed the snapshot as its audience may read it, through the
 * product's read path and access policy: there is no unfiltered way out of a product. The built-in
 * ports implement exactly this SPI, so a user's own port works like them.
 */
package dev.dataproduct.api.port;
