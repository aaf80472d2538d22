package org.vectorindex.jobs.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The page's files, read from the classpath once at start: our page and the uPlot WebJar. Requests
 * are looked up by exact path in this fixed table, so no request path ever reaches a file system or
 * a resource lookup and nothing outside these files can be served.
 */
final class StaticFiles {
    /** One file: its bytes and content type. */
    record File(byte[] bytes, String contentType) {}

    private static final String PAGE = "/org/vectorindex/jobs/dashboard/";
    private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private final Map<String, File> files;

    StaticFiles() {
        String uplot = "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        files =
                Map.of(
                        "/", file(PAGE + "index.html", "text/html; charset=utf-8"),
                        "/app.js", file(PAGE + "app.js", "text/javascript; charset=utf-8"),
                        "/app.css", file(PAGE + "app.css", "text/css; charset=utf-8"),
                        "/vendor/uPlot.iife.min.js",
                                file(uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8"),
                        "/vendor/uPlot.min.css",
                                file(uplot + "uPlot.min.css", "text/css; charset=utf-8"));
    }

    /** The file served at exactly {@code path}, or null. */
    File get(String path) {
        return files.get(path);
    }

    private static String uplotVersion() {
        Properties p = new Properties();
        try (InputStream in = StaticFiles.class.getResourceAsStream(UPLOT_POM)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the uPlot WebJar is not on the class path (local-lib/ missing?)");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static File file(String resource, String type) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new File(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
