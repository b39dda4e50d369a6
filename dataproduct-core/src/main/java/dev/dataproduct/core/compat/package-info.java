/**
 * Compatibility of data contract versions: which changes break consumers, the semantic version
 * they need, and release notes that say so.
 *
 * <p>{@link dev.dataproduct.core.compat.CompatibilityChecker} compares two versions of an ODCS
 * contract (or a new version with a history) and returns a
 * {@link dev.dataproduct.core.compat.CompatibilityReport} of
 * {@link dev.dataproduct.core.compat.Change changes}, each with a stable rule id, a path by names
 * ({@code schema[purchases].properties[address].properties[zip]}, {@code ...properties[tags].items},
 * {@code schema[purchases].quality[rowCount]}, {@code slaProperties[latency]}) and a
 * {@link dev.dataproduct.core.compat.ChangeClass class}.
 * {@link dev.dataproduct.core.compat.VersionPolicy} rejects a new version whose number does not
 * announce its changes; {@link dev.dataproduct.core.compat.ReleaseNotes} writes them as Markdown.
 *
 * <h2>Modes</h2>
 * The rules are written for {@code BACKWARD}: the new contract accepts all data and consumers of the
 * previous one. A change is breaking if data valid under the previous version can be invalid under
 * the new one (a tightened constraint, a stricter quality rule or service level), or if it takes
 * away what consumers were promised (an object, a property, a key, a server). Loosening a value
 * constraint is compatible. {@code FORWARD(previous, next)} classifies each change as
 * {@code BACKWARD(next, previous)} classifies the opposite change, still describing it from the new
 * version's point of view; so a new optional property, compatible {@code BACKWARD}, breaks
 * {@code FORWARD} (the previous contract does not promise it to the new version's consumers).
 * {@code FULL} takes the more severe class of the two. The transitive modes check against every
 * earlier version.
 *
 * <h2>Rules (class under BACKWARD / FORWARD)</h2>
 * <ul>
 *   <li>Structure: {@code object-removed} (breaking / compatible), {@code object-added} (compatible /
 *       breaking), {@code object-renamed} and {@code property-renamed} (breaking / breaking),
 *       {@code property-removed} (breaking / breaking if it was required, else compatible),
 *       {@code property-added-required} (breaking / breaking), {@code property-added-optional}
 *       (compatible / breaking), {@code physical-name-changed} (breaking / breaking). A rename is
 *       found when a property disappears and another appears with the same stable {@code id}, or,
 *       without ids, with the same type and the same physical name or position; it is reported once,
 *       not as a removal and an addition. Objects are renamed by id or physical name.</li>
 *   <li>Types: {@code type-widened} (compatible / breaking), {@code type-narrowed} (breaking /
 *       compatible), {@code type-changed} (breaking / breaking; needs review both ways when only one
 *       version pins the exact type, such as {@code timestamp} against {@code timestamp_tz(ms)}),
 *       {@code physical-type-changed} for store types the SDK does not know (review). A property's
 *       type is its {@code physicalType} if that is an SDK type name, else its {@code logicalType}
 *       with {@code format} ({@code integer} without a format is {@code i32}, the ODCS default).
 *       Proven widenings: {@code int8 → int16 → int32 → int64}; integers to {@code float32} up to
 *       {@code int16} and to {@code float64} up to {@code int32} (exact in the mantissa, so
 *       {@code int64 → float64} is not one); integers to decimals with enough integer digits;
 *       {@code float32 → float64}; {@code decimal(p,s) → decimal(p2,s2)} with {@code s2 >= s} and
 *       {@code p2 - s2 >= p - s}; any integer or number to a {@code number} of unspecified format;
 *       timestamps of the same zone kind to a finer precision up to microseconds (nanosecond
 *       timestamps only reach the years 1677 to 2262, so {@code → ns} is not a widening); arrays and
 *       structs whose elements widen. Nothing widens to or from {@code string}.</li>
 *   <li>Guarantees: {@code required-added} and {@code unique-added} (breaking / review),
 *       {@code required-removed} and {@code unique-removed} (review / breaking: data stays valid,
 *       but consumers commonly build on non-null and unique values), {@code primary-key-changed}
 *       (breaking both ways, reported once on the object), {@code partitioning-changed} (review).</li>
 *   <li>Constraints ({@code logicalTypeOptions}), tightening breaking and loosening compatible under
 *       BACKWARD, the reverse under FORWARD: {@code minimum-raised} / {@code minimum-lowered},
 *       {@code maximum-lowered} / {@code maximum-raised}, {@code exclusive-bound-tightened} /
 *       {@code exclusive-bound-loosened} (same value, exclusiveness changed), {@code bound-changed}
 *       (values that cannot be compared: breaking), {@code min-length-raised},
 *       {@code min-length-lowered}, {@code max-length-lowered}, {@code max-length-raised},
 *       {@code min-items-*}, {@code max-items-*}, {@code pattern-added} / {@code pattern-removed},
 *       {@code pattern-changed} (breaking both ways: patterns cannot be compared),
 *       {@code format-added}, {@code format-removed}, {@code format-changed}, and
 *       {@code option-changed} (review) for any other option. Allowed values (a library
 *       {@code invalidValues} rule with {@code arguments.validValues} and {@code mustBe: 0}):
 *       {@code allowed-values-removed} (breaking / compatible), {@code allowed-values-added}
 *       (compatible / breaking).</li>
 *   <li>Quality: {@code quality-threshold-stricter} (breaking / compatible),
 *       {@code quality-threshold-looser} (compatible / breaking), {@code quality-threshold-changed}
 *       (not comparable, or another unit: breaking), {@code quality-severity-raised} /
 *       {@code quality-severity-lowered}, {@code quality-rule-added} (breaking / compatible),
 *       {@code quality-rule-removed} (compatible / breaking), {@code quality-rule-changed}. A
 *       threshold is the set of metric values its operator accepts ({@code mustBeBetween} read as
 *       inclusive); stricter means a subset. A rule blocks data unless its severity is
 *       {@code warning} or {@code info}; changes of rules that do not block never break. Text
 *       rules always need review.</li>
 *   <li>Relationships: {@code relationship-added} (breaking / compatible),
 *       {@code relationship-removed} (compatible / breaking).</li>
 *   <li>Service levels: {@code sla-stricter} and {@code sla-added} (breaking / review: data or a
 *       producer that met the old promise may miss the new one), {@code sla-looser} and
 *       {@code sla-removed} (review / breaking: consumers plan on promises), {@code sla-changed}
 *       (review). Stronger is a lower {@code latency}, {@code frequency}, {@code errorRate},
 *       {@code timeToDetect}, {@code timeToNotify}, {@code timeToRepair}; a higher
 *       {@code availability}, {@code throughput}, {@code retention} (data kept longer); a later
 *       {@code endOfSupport}, {@code endOfLife}. Other properties need review.</li>
 *   <li>Classification ({@code public < internal < confidential < restricted}; none counts as
 *       {@code internal}): {@code classification-more-restrictive} (breaking / review: consumers
 *       without the clearance lose access), {@code classification-less-restrictive} (review /
 *       breaking: a governance decision, not a data break), {@code classification-changed} (review)
 *       for free text.</li>
 *   <li>Contract: {@code server-removed} (breaking / compatible), {@code server-added} (compatible /
 *       breaking), {@code server-changed}, {@code roles-changed}, {@code status-changed},
 *       {@code granularity-changed} (review).</li>
 *   <li>Documentation, compatible both ways: {@code description-changed}, {@code metadata-changed}
 *       (business name, tags, examples, custom properties, authoritative definitions, team, support,
 *       price and the like).</li>
 *   <li>{@code misspelt-key} (review both ways): an extension key added or changed that is one
 *       slip away from a key ODCS defines ({@code requird} for {@code required}). The reader kept
 *       it as an extension, so the field it was meant to set kept its default, and the checker
 *       cannot tell what the author meant: fix the key.</li>
 * </ul>
 *
 * <h2>Versions</h2>
 * A breaking change needs a new major version; a change to review or a compatible change to what
 * the contract accepts or promises, a new minor version; documentation, a patch. See
 * {@link dev.dataproduct.core.compat.VersionPolicy}.
 */
package dev.dataproduct.core.compat;
