package dev.dataproduct.ports.http.page;

import dev.dataproduct.api.product.ProductAddress;
import java.util.Optional;

/**
 * Where a page's links point: to the paths a host serves, or to the files of a static folder,
 * relative to the page so that the folder opens from disk.
 *
 * @param root the prefix from the page to the site's root: empty when served, {@code ../../../}
 *     from a data sheet file
 * @param files whether the pages are files
 */
record Links(String root, boolean files) {
    static final Links SERVED = new Links("", false);
    static final Links INDEX_FILE = new Links("", true);
    static final Links SHEET_FILE = new Links("../../../", true);

    String catalog() {
        return files ? root + "index.html" : "/";
    }

    /** @return the link to a product's data sheet, or empty if the address is no SDK address */
    Optional<String> sheet(String address) {
        ProductAddress a;
        try {
            a = ProductAddress.parse(address);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(files ? root + sheetFile(a) : "/products/" + a.domain() + "/" + a.name() + "/v" + a.major());
    }

    /** @return the path of a product's data sheet within a static folder */
    static String sheetFile(ProductAddress a) {
        return "products/" + a.domain() + "/" + a.name() + "/v" + a.major() + ".html";
    }
}
