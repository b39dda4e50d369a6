/**
 * Data sharing agreements, the configuration side of access: an
 * {@link dev.dataproduct.core.agreement.AgreementRegistry} holds, per product, the
 * {@link dev.dataproduct.api.access.SharingAgreement agreements} of its consumers (purpose,
 * datasets, expiry, what they see). A {@code ProductReader} given the registry adds the grant of
 * a consumer's running agreement to the dataset's policy for that consumer alone, so an expired
 * agreement denies. From the registry and the audit records the product knows its consumers and
 * which of them still read a version of its contract that is deprecated.
 */
package dev.dataproduct.core.agreement;
