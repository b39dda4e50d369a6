package dev.dataproduct.core.descriptor;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * The YAML the SDK writes its documents in (descriptors, ODPS): no document start marker, texts
 * unquoted where that is safe, and quoted wherever a YAML reader would take the bare text for
 * something else. Jackson's own minimal quoting leaves texts such as {@code 0x1F}, {@code 1e3},
 * {@code +12} or {@code -.inf} bare, and reads them back as numbers, so a text would not survive a
 * round trip.
 *
 * <pre>{@code
 * ObjectMapper yaml = YAMLMapper.builder(DescriptorYaml.factory()).build();
 * }</pre>
 */
public final class DescriptorYaml {
    private DescriptorYaml() {
    }

    /** @return a new factory for YAML that keeps every text a text */
    public static YAMLFactory factory() {
        return YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .stringQuotingChecker(new QuoteNumberLike())
                .build();
    }

    /** Quotes, besides what Jackson quotes, every text that starts like a number. */
    static final class QuoteNumberLike extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || startsLikeANumber(value);
        }

        private static boolean startsLikeANumber(String value) {
            if (value.isEmpty()) {
                return false;
            }
            char c = value.charAt(0);
            return Character.isDigit(c) || c == '+' || c == '-' || c == '.';
        }
    }
}
