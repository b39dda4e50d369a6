/**
 * The exception hierarchy of the SDK. {@link dev.dataproduct.api.error.DataProductException} is
 * the one unchecked root; its subclasses name the kind of failure: an invalid definition, a
 * contract violation, an incompatible change, a port failure, denied access, or an invalid read
 * request. Bad input data is never an exception: it is quarantined and reported.
 */
package dev.dataproduct.api.error;
