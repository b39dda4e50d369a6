package dev.dataproduct.api.error;

import java.util.List;
import java.util.Objects;

/**
 * A product, dataset or contract definition is not valid. Carries every problem found, not just
 * the first, so that a user can fix them all in one go.
 */
public class InvalidDefinitionException extends DataProductException {
    private static final long serialVersionUID = 1L;

    private final String subject;
    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param subject what was being defined, for example {@code product 'historical-purchases'}
     * @param problems every problem found, each naming where it is; must not be empty
     */
    public InvalidDefinitionException(String subject, List<String> problems) {
        super(format(subject, problems));
        this.subject = Objects.requireNonNull(subject, "subject");
        this.problems = List.copyOf(problems);
    }

    private static String format(String subject, List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid definition needs at least one problem");
        }
        StringBuilder sb = new StringBuilder("Invalid definition of ").append(subject).append(": ")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
        for (String p : problems) {
            sb.append(System.lineSeparator()).append("  - ").append(p);
        }
        return sb.toString();
    }

    /** @return what was being defined */
    public String subject() {
        return subject;
    }

    /** @return every problem found, in the order found; never empty */
    public List<String> problems() {
        return problems;
    }
}
