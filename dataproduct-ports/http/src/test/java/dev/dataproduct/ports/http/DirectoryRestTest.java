package dev.dataproduct.ports.http;

import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests against a fresh {@link Directory} served for each test, read with the JDK HttpClient. */
abstract class DirectoryRestTest {
    Directory dir;
    URI base;

    @BeforeEach
    void start() {
        dir = new Directory();
        base = dir.rest.baseUri();
    }

    @AfterEach
    void stop() {
        dir.close();
    }

    HttpResponse<byte[]> get(String path, String token, String... headers) {
        return Http.get(base, path, token, headers);
    }
}
