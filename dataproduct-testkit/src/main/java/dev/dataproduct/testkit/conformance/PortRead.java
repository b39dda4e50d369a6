package dev.dataproduct.testkit.conformance;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.core.read.ReadRequest;
import java.util.List;
import java.util.Map;

/**
 * A read through the port under test, as a principal: the rows the port returns, each a map from
 * column name to value in the SDK's value model (integers as {@code Long}, floats as
 * {@code Double}, dates as {@code LocalDate}, ...), in the order the port returns them.
 */
@FunctionalInterface
public interface PortRead {

    /**
     * @param principal who reads
     * @param request what is read
     * @return the rows the port returned
     * @throws dev.dataproduct.api.error.AccessDeniedException when the port denies the principal
     * @throws Exception when the port fails otherwise
     */
    List<Map<String, Object>> read(Principal principal, ReadRequest request) throws Exception;
}
