package dev.dataproduct.ports.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Headless Chromium driven over the DevTools protocol with the JDK's own WebSocket client: loads a
 * page, evaluates JavaScript in it to query the DOM, collects console errors, exceptions and
 * browser log errors (failed loads, content security policy violations), and takes screenshots.
 * Needs Debian's {@code chromium} (or the binary named by the {@code CHROMIUM} environment variable).
 */
final class Chromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> awaited = new ConcurrentHashMap<>();
    private final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());

    private Chromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /**
     * @return the browser binary
     * @throws AssertionError naming how to install it, if there is none: the browser test must not be skipped
     */
    static Path binary() {
        String named = System.getenv("CHROMIUM");
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        throw new AssertionError("headless Chromium is needed for the browser test of the data sheet, and none "
                + "is on the PATH: install Debian's package with 'apt-get install -y chromium' (.ci/run does), or "
                + "set CHROMIUM to a Chromium binary");
    }

    /** Starts a headless browser with a fresh profile and connects to its first tab. */
    static Chromium start(int width, int height) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = List.of(binary().toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height, "about:blank");
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        StringBuilder early = new StringBuilder();
        CompletableFuture<String> browserUrl = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (early) {
                        early.append(line).append('\n');
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        browserUrl.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                // the browser ended; the URL future times out below with its output
            }
            browserUrl.completeExceptionally(new IllegalStateException("chromium ended"));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        String ws;
        try {
            ws = browserUrl.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            synchronized (early) {
                throw new AssertionError("chromium did not start its DevTools endpoint: " + early, e);
            }
        }
        URI browser = URI.create(ws);
        HttpClient http = HttpClient.newHttpClient();
        URI list = URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/list");
        String pageUrl = null;
        for (int attempt = 0; attempt < 50 && pageUrl == null; attempt++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(list).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode t : JSON.readTree(r.body())) {
                if (t.path("type").asText().equals("page")) {
                    pageUrl = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (pageUrl == null) {
                Thread.sleep(100);
            }
        }
        if (pageUrl == null) {
            process.destroyForcibly();
            throw new AssertionError("chromium opened no tab to drive");
        }
        Chromium[] self = new Chromium[1];
        Listener listener = new Listener(self);
        WebSocket socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(URI.create(pageUrl), listener)
                .join();
        Chromium c = new Chromium(process, profile, socket);
        self[0] = c;
        c.send("Runtime.enable", JSON.createObjectNode());
        c.send("Log.enable", JSON.createObjectNode());
        c.send("Page.enable", JSON.createObjectNode());
        c.send("Network.enable", JSON.createObjectNode());
        return c;
    }

    /** Sends every later request with these headers, such as a bearer token. */
    void headers(Map<String, String> headers) {
        ObjectNode p = JSON.createObjectNode();
        ObjectNode h = p.putObject("headers");
        headers.forEach(h::put);
        send("Network.setExtraHTTPHeaders", p);
    }

    /** Loads a URL and waits for its load event. */
    void load(String url) {
        CompletableFuture<JsonNode> loaded = new CompletableFuture<>();
        awaited.put("Page.loadEventFired", loaded);
        JsonNode r = send("Page.navigate", JSON.createObjectNode().put("url", url));
        if (r.hasNonNull("errorText")) {
            throw new AssertionError("chromium could not load " + url + ": " + r.get("errorText").asText());
        }
        try {
            loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("chromium did not finish loading " + url, e);
        }
    }

    /**
     * @param expression JavaScript evaluated in the page
     * @return its value, as JSON
     */
    JsonNode eval(String expression) {
        JsonNode r = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError("the page threw evaluating " + expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Saves a PNG of the whole page. */
    void screenshot(Path file) throws IOException {
        JsonNode r = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")
                .put("captureBeyondViewport", true));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(r.get("data").asText()));
    }

    /** @return the console errors, uncaught exceptions and browser log errors seen so far */
    List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    private JsonNode send(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        socket.sendText(msg.toString(), true).join();
        try {
            JsonNode r = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (r.has("error")) {
                throw new AssertionError(method + " failed: " + r.get("error"));
            }
            return r.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("chromium did not answer " + method, e);
        } finally {
            pending.remove(id);
        }
    }

    private void received(String text) {
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (m.has("id")) {
            Optional.ofNullable(pending.get(m.get("id").asInt())).ifPresent(f -> f.complete(m));
            return;
        }
        String method = m.path("method").asText();
        JsonNode p = m.path("params");
        switch (method) {
            case "Runtime.consoleAPICalled" -> {
                String type = p.path("type").asText();
                if (type.equals("error") || type.equals("assert")) {
                    errors.add("console." + type + ": " + p.path("args"));
                }
            }
            case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
            case "Log.entryAdded" -> {
                if (p.path("entry").path("level").asText().equals("error")) {
                    errors.add("log: " + p.path("entry").path("text").asText() + " "
                            + p.path("entry").path("url").asText());
                }
            }
            default -> {
            }
        }
        Optional.ofNullable(awaited.remove(method)).ifPresent(f -> f.complete(p));
    }

    @Override
    public void close() throws IOException {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } catch (RuntimeException e) {
            // the browser may be gone already
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** Gathers a message's fragments and hands each whole message to the browser. */
    private static final class Listener implements WebSocket.Listener {
        private final Chromium[] owner;
        private final StringBuilder text = new StringBuilder();

        Listener(Chromium[] owner) {
            this.owner = owner;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String whole = text.toString();
                text.setLength(0);
                if (owner[0] != null) {
                    owner[0].received(whole);
                }
            }
            ws.request(1);
            return null;
        }
    }
}
