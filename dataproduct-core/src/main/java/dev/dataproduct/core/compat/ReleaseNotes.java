package dev.dataproduct.core.compat;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.product.SemanticVersion;
import java.util.List;
import java.util.Optional;

/**
 * Writes the changes between two versions of a contract as a Markdown changelog: a title with the
 * contract and both versions, a verdict (breaking or not, and the version bump the changes need),
 * then the sections "Breaking changes", "Needs review" and "Other changes", each a bullet list of
 * paths and sentences.
 *
 * <pre>{@code
 * CompatibilityReport report = CompatibilityChecker.check(v1, v2, CompatibilityMode.BACKWARD);
 * Files.writeString(Path.of("CHANGELOG.md"), ReleaseNotes.markdown(v1, v2, report));
 * }</pre>
 */
public final class ReleaseNotes {
    private ReleaseNotes() {
    }

    /**
     * @param from the previous version of the contract
     * @param to the new version
     * @param report the changes between them, as {@link CompatibilityChecker#check} found them
     * @return the release notes in Markdown, ending with a line break
     */
    public static String markdown(DataContract from, DataContract to, CompatibilityReport report) {
        StringBuilder md = new StringBuilder("# Release notes: ").append(escape(title(to, from)))
                .append(' ').append(version(from)).append(" → ").append(version(to)).append("\n\n");
        if (!to.id().isEmpty()) {
            md.append("Contract id ").append(code(to.id())).append(". ");
        }
        md.append("Compatibility mode: ").append(report.mode()).append(".\n\n").append(verdict(from, to, report))
                .append("\n");
        section(md, "Breaking changes", report.breaking());
        section(md, "Needs review", report.needsReview());
        section(md, "Other changes", report.nonBreaking());
        return md.toString();
    }

    private static String verdict(DataContract from, DataContract to, CompatibilityReport report) {
        VersionBump bump = VersionPolicy.requiredBump(report);
        StringBuilder sb = new StringBuilder();
        if (report.isEmpty()) {
            sb.append("**No changes.** The two versions say the same; a new patch version is enough.");
        } else if (report.isBreaking()) {
            int n = report.breaking().size();
            sb.append("**Breaking.** ").append(n).append(n == 1 ? " change breaks" : " changes break")
                    .append(" consumers, so this release needs a new major version.");
        } else {
            sb.append("**Not breaking.** This release needs ").append(bump == VersionBump.MINOR
                    ? "a new minor version: it adds to or changes what the contract accepts or promises."
                    : "only a new patch version: it changes documentation only.");
        }
        Optional<SemanticVersion> previous = parse(from.version());
        Optional<SemanticVersion> next = parse(to.version());
        if (previous.isPresent() && next.isPresent()) {
            boolean enough = bump.allows(previous.get(), next.get());
            sb.append(' ').append(next.get()).append(enough ? " is enough." : " is not enough: publish it as "
                    + bump.after(previous.get()) + " or later.");
        }
        return sb.append('\n').toString();
    }

    private static void section(StringBuilder md, String title, List<Change> changes) {
        md.append("## ").append(title).append("\n\n");
        if (changes.isEmpty()) {
            md.append("None.\n");
        }
        for (Change c : changes) {
            md.append("- ").append(code(c.path())).append(": ").append(escape(c.description())).append(" (")
                    .append(code(c.ruleId())).append(")\n");
        }
        md.append('\n');
    }

    private static String title(DataContract to, DataContract from) {
        String name = !to.name().isEmpty() ? to.name() : !from.name().isEmpty() ? from.name() : to.id();
        return name.isEmpty() ? "data contract" : name;
    }

    private static String version(DataContract c) {
        return c.version().isEmpty() ? "(no version)" : escape(c.version());
    }

    private static Optional<SemanticVersion> parse(String version) {
        try {
            return Optional.of(SemanticVersion.parse(version));
        } catch (IllegalArgumentException notSemantic) {
            return Optional.empty();
        }
    }

    /**
     * A code span of any text: fenced by more backticks than the text's longest run of them, and
     * on one line, a line break shown as {@code \n}, so that no name can end the span or the list
     * item it stands in.
     */
    static String code(String text) {
        String line = oneLine(text, "\\\\n");
        int longest = 0;
        for (int i = 0, run = 0; i < line.length(); i++) {
            run = line.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String pad = line.startsWith("`") || line.endsWith("`") || line.isBlank() ? " " : "";
        return fence + pad + line + pad + fence;
    }

    /**
     * Escapes user text, such as a name or a pattern, so that it reads as written: every character
     * Markdown could take for emphasis, a link, an image, HTML, an entity, a table cell or a heading
     * is backslash-escaped, and line breaks are shown as {@code \n} rather than starting a block.
     */
    static String escape(String text) {
        return oneLine(text.replaceAll("([\\\\`*_\\[\\]<>#|~&!])", "\\\\$1"), "\\\\n");
    }

    private static String oneLine(String text, String lineBreak) {
        return text.replace("\r\n", "\n").replaceAll("[\r\n\u2028\u2029\u0085]", lineBreak);
    }
}
