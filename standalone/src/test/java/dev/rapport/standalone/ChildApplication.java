package dev.rapport.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rapport started as a separate operating-system process, on this test's class path, so it can be
 * killed the hard way. Its output goes to a file under target/ for a post-mortem.
 */
final class ChildApplication {

    private ChildApplication() {
    }

    static Process start(String mainClass, Path log, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:+UseSerialGC",
                "-cp", testClassPath(), mainClass));
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Surefire runs tests from a manifest-only jar; the real class path is in its own property. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String classPath = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        if (!classPath.contains("test-classes")) {
            throw new IllegalStateException("No usable class path for a child JVM: " + classPath);
        }
        return classPath;
    }
}
