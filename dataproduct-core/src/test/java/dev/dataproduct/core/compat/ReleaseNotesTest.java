package dev.dataproduct.core.compat;

import static dev.dataproduct.core.compat.TestContracts.contract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.contract.DataContract;
import org.junit.jupiter.api.Test;

class ReleaseNotesTest {
    private final DataContract v1 = contract("1.2.0", c -> c.object("orders", o -> o
            .prop("id", "string", p -> p.required().primaryKey(1))
            .prop("sku", "string", p -> p.required().option("pattern", "^SKU_[0-9]*$"))
            .prop("email", "string", p -> p.classification("internal").description("Buyer's mail."))));
    private final DataContract v2 = contract("1.3.0", c -> c.object("orders", o -> o
            .prop("id", "string", p -> p.required().primaryKey(1))
            .prop("sku", "string", p -> p.required().option("pattern", "^SKU-[0-9]*$"))
            .prop("email", "string", p -> p.classification("public").description("The buyer's mail."))
            .prop("note", "string", p -> { })));

    @Test
    void listsChangesBySectionWithAVerdict() {
        CompatibilityReport report = CompatibilityChecker.check(v1, v2, CompatibilityMode.BACKWARD);
        String md = ReleaseNotes.markdown(v1, v2, report);
        assertTrue(md.startsWith("# Release notes: Orders 1.2.0 → 1.3.0\n"), md);
        assertTrue(md.contains("Contract id `orders-contract`. Compatibility mode: BACKWARD."), md);
        assertTrue(md.contains("**Breaking.** 1 change breaks consumers, so this release needs a new major "
                + "version. 1.3.0 is not enough: publish it as 2.0.0 or later."), md);
        String breaking = section(md, "Breaking changes");
        assertTrue(breaking.contains(
                "- `schema[orders].properties[sku]`: Pattern changed from '^SKU\\_\\[0-9\\]\\*$' to"), breaking);
        assertTrue(breaking.contains("(`pattern-changed`)"), breaking);
        assertTrue(section(md, "Needs review").contains("- `schema[orders].properties[email]`: Classification changed "
                + "from internal to public"), md);
        String other = section(md, "Other changes");
        assertTrue(other.contains("`schema[orders].properties[note]`: Optional property 'note' added."), other);
        assertTrue(other.contains("(`description-changed`)"), other);
        assertEquals(2, other.lines().filter(l -> l.startsWith("- ")).count(), other);
    }

    @Test
    void saysWhenNothingChanged() {
        DataContract next = contract("1.2.1", c -> c.object("orders", o -> o
                .prop("id", "string", p -> p.required().primaryKey(1))
                .prop("sku", "string", p -> p.required().option("pattern", "^SKU_[0-9]*$"))
                .prop("email", "string", p -> p.classification("internal").description("Buyer's mail."))));
        String md = ReleaseNotes.markdown(v1, next, CompatibilityChecker.check(v1, next, CompatibilityMode.FULL));
        assertTrue(md.contains("**No changes.** The two versions say the same; a new patch version is enough. "
                + "1.2.1 is enough."), md);
        assertEquals("None.", section(md, "Breaking changes").strip());
        assertEquals("None.", section(md, "Needs review").strip());
        assertEquals("None.", section(md, "Other changes").strip());
    }

    @Test
    void compatibleReleaseNamesTheMinorBump() {
        DataContract next = contract("1.3.0", c -> c.object("orders", o -> o
                .prop("id", "string", p -> p.required().primaryKey(1))
                .prop("sku", "string", p -> p.required().option("pattern", "^SKU_[0-9]*$"))
                .prop("email", "string", p -> p.classification("internal").description("Buyer's mail."))
                .prop("note", "string", p -> { })));
        String md = ReleaseNotes.markdown(v1, next, CompatibilityChecker.check(v1, next, CompatibilityMode.BACKWARD));
        assertTrue(md.contains("**Not breaking.** This release needs a new minor version: it adds to or changes "
                + "what the contract accepts or promises. 1.3.0 is enough."), md);
    }

    @Test
    void escapesNamesSoThatTheyCannotInjectHeadingsCellsOrCode() {
        String name = "a|b\n# Injected heading\n| cell | `x` ``y``";
        DataContract before = contract("1.0.0", c -> c.name("Orders <b>\n# Title</b>").object("orders", o -> o
                .prop("id", "string", p -> p.required())));
        DataContract after = contract("1.1.0", c -> c.name("Orders <b>\n# Title</b>").object("orders", o -> o
                .prop("id", "string", p -> p.required()).prop(name, "string", p -> { })));
        String md = ReleaseNotes.markdown(before, after, CompatibilityChecker.check(before, after,
                CompatibilityMode.BACKWARD));
        assertTrue(md.startsWith("# Release notes: Orders \\<b\\>\\n\\# Title\\</b\\> 1.0.0 → 1.1.0\n"), md);
        assertFalse(md.lines().anyMatch(l -> l.startsWith("# Injected") || l.startsWith("| cell")), md);
        String other = section(md, "Other changes");
        assertTrue(other.contains("- ```schema[orders].properties[a|b\\n# Injected heading\\n| cell | `x` ``y``]```: "
                + "Optional property 'a\\|b\\n\\# Injected heading\\n\\| cell \\| \\`x\\` \\`\\`y\\`\\`' added."), other);
        assertEquals(1, other.strip().lines().count(), other);
    }

    /** @return the text between a section's heading and the next heading */
    private static String section(String md, String title) {
        int start = md.indexOf("## " + title + "\n");
        assertTrue(start >= 0, md);
        int from = start + title.length() + 4;
        int end = md.indexOf("\n## ", from);
        return md.substring(from, end < 0 ? md.length() : end);
    }
}
