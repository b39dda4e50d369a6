/**
 * The sample server: the sample products on one REST port, with demo tokens, until stopped.
 */
package dev.dataproduct.samples.serve;
