package org.vectorindex.jobs.embed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the demo-only libraries (onnxruntime, the MiniLM model, DJL tokenizers, the Europarl text)
 * that are deliberately left out of the lean {@code flink-vector-index.jar}.
 *
 * <p>When they are already on the class path (tests, IDE) they are used from there. Otherwise they
 * are read from a {@code demo-lib/} directory: the system property {@value #LIB_PROPERTY}, or
 * {@code demo-lib/} next to the running jar (Maven copies the jars to {@code jobs/target/demo-lib/}
 * at {@code package}). A {@link URLClassLoader} over those jars plus the lean jar itself then loads
 * the implementation package {@value #IMPL_PACKAGE} <em>child first</em>, so its onnxruntime
 * references resolve in the child, while everything else (this package's {@link TokenEmbedder}
 * interface included) comes from the application class loader, so the instance can be used through
 * the interface.
 *
 * <p>One loader per JVM: a native library can be bound to only one class loader.
 */
public final class DemoLibraries {

    /** System property naming the demo-lib directory. */
    public static final String LIB_PROPERTY = "vectorindex.demo.lib";

    /** Package whose classes reference the demo libraries; loaded child-first. */
    static final String IMPL_PACKAGE = "org.vectorindex.jobs.embed.onnx.";

    private static final String IMPL_CLASS = IMPL_PACKAGE + "MiniLmOnnxEmbedder";
    private static final String PROBE_CLASS = "ai.onnxruntime.OrtEnvironment";

    private static DemoLibraries instance;

    private final ClassLoader loader;
    private final String origin;

    private DemoLibraries(ClassLoader loader, String origin) {
        this.loader = loader;
        this.origin = origin;
    }

    /** The libraries for this JVM, located on first use. */
    public static synchronized DemoLibraries get() {
        if (instance == null) {
            instance = locate();
        }
        return instance;
    }

    private static DemoLibraries locate() {
        return locate(System.getProperty(LIB_PROPERTY), DemoLibraries.class.getClassLoader());
    }

    /** Locates the libraries given the {@value #LIB_PROPERTY} value (or null). */
    static DemoLibraries locate(String property, ClassLoader app) {
        if (property == null && visible(app)) {
            return new DemoLibraries(app, "class path");
        }
        Path dir = property != null ? Path.of(property) : besideCodeSource();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalStateException(
                    "demo libraries not found: expected "
                            + (dir == null ? "a demo-lib/ directory next to the jar" : dir)
                            + ". Build with `mvn -B -DskipTests package` (it fills"
                            + " jobs/target/demo-lib/) or set -D"
                            + LIB_PROPERTY
                            + "=DIR");
        }
        return new DemoLibraries(childLoader(dir, app), dir.toString());
    }

    private static boolean visible(ClassLoader loader) {
        try {
            Class.forName(PROBE_CLASS, false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** {@code demo-lib/} in the directory holding the jar (or target/classes) of this class. */
    private static Path besideCodeSource() {
        Path self = codeSource();
        return self == null || self.getParent() == null
                ? null
                : self.getParent().resolve("demo-lib");
    }

    private static Path codeSource() {
        try {
            URL url = DemoLibraries.class.getProtectionDomain().getCodeSource().getLocation();
            return Path.of(url.toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** A child-first loader for {@link #IMPL_PACKAGE} over {@code dir/*.jar} and our own jar. */
    static ClassLoader childLoader(Path dir, ClassLoader parent) {
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(p.toUri().toURL());
            }
            Path self = codeSource();
            if (self == null) {
                throw new IllegalStateException("cannot locate the jar of " + DemoLibraries.class);
            }
            urls.add(self.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        if (urls.size() < 2) {
            throw new IllegalStateException("no jars in " + dir);
        }
        return new ImplFirstLoader(urls.toArray(URL[]::new), parent);
    }

    /** Loader for the demo libraries (also gives access to their resources). */
    public ClassLoader classLoader() {
        return loader;
    }

    /** "class path" or the demo-lib directory in use, for messages. */
    public String origin() {
        return origin;
    }

    /** A fresh all-MiniLM-L6-v2 embedder. */
    public TokenEmbedder newMiniLmEmbedder() {
        return newMiniLmEmbedder(TokenEmbedder.MAX_TOKENS);
    }

    /** A fresh all-MiniLM-L6-v2 embedder truncating texts to {@code maxTokens}. */
    public TokenEmbedder newMiniLmEmbedder(int maxTokens) {
        // DJL finds its native-library properties through the context class loader.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Class<?> type = Class.forName(IMPL_CLASS, true, loader);
            return (TokenEmbedder) type.getConstructor(int.class).newInstance(maxTokens);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("cannot start " + IMPL_CLASS, cause);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException(
                    "cannot load " + IMPL_CLASS + " from " + origin + ": " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Loads {@link #IMPL_PACKAGE} from its own URLs first; everything else parent first. */
    private static final class ImplFirstLoader extends URLClassLoader {
        static {
            ClassLoader.registerAsParallelCapable();
        }

        ImplFirstLoader(URL[] urls, ClassLoader parent) {
            super("vectorindex-demo-lib", urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(IMPL_PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    @Override
    public String toString() {
        return "DemoLibraries[" + origin + "]";
    }
}
