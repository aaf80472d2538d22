package org.vectorindex.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real standalone Flink cluster of separate JVMs: one JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code TaskManagerRunner}), started from
 * the Maven-resolved jars in {@code target/flink-cluster-lib} with the memory arguments Flink's own
 * scripts compute ({@code BashJavaUtils}), driven through Flink's {@code CliFrontend} and REST API.
 * Everything binds 127.0.0.1 on free ports; each child is stopped by its own process handle, and
 * logs under the cluster's directory.
 */
final class StandaloneCluster implements AutoCloseable {
    static final Path LIB = Path.of("target", "flink-cluster-lib").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final Pattern SAVEPOINT = Pattern.compile("Savepoint completed\\. Path: (\\S+)");

    private final Path dir;
    private final Path conf;
    private final int restPort;
    private final Process jobManager;
    private final Map<String, Process> taskManagers = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    // A test JVM ended by a fork timeout or Ctrl-C still stops its children.
    private final Thread orphanGuard = new Thread(this::stopAll, "standalone-cluster-stop");

    private StandaloneCluster(Path dir, int restPort, Process jobManager) {
        this.dir = dir;
        this.conf = dir.resolve("conf");
        this.restPort = restPort;
        this.jobManager = jobManager;
    }

    /**
     * Starts a JobManager and {@code taskManagers} TaskManagers, and waits until all registered.
     */
    static StandaloneCluster start(Path dir, int taskManagers, int slots) throws Exception {
        return start(dir, taskManagers, slots, Map.of());
    }

    /** As above, with extra {@code config.yaml} entries. */
    static StandaloneCluster start(
            Path dir, int taskManagers, int slots, Map<String, String> extraConfig)
            throws Exception {
        if (!Files.isDirectory(LIB)) {
            throw new IllegalStateException(LIB + " is missing: run mvn package first");
        }
        Path conf = Files.createDirectories(dir.resolve("conf"));
        int rest = freePort();
        writeConfig(dir, conf, rest, freePort(), slots, extraConfig);
        Process jm =
                launch(
                        dir,
                        "jobmanager",
                        resourceParams(conf, "GET_JM_RESOURCE_PARAMS"),
                        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                        List.of());
        StandaloneCluster c = new StandaloneCluster(dir, rest, jm);
        Runtime.getRuntime().addShutdownHook(c.orphanGuard);
        try {
            c.awaitRest(Duration.ofMinutes(2));
            for (int i = 1; i <= taskManagers; i++) {
                c.startTaskManager("tm-" + i);
            }
            c.awaitTaskManagers(taskManagers, Duration.ofMinutes(2));
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    Path dir() {
        return dir;
    }

    /** Starts a TaskManager with this resource id (it registers on its own). */
    void startTaskManager(String id) throws IOException {
        Process p =
                launch(
                        dir,
                        id,
                        resourceParams(conf, "GET_TM_RESOURCE_PARAMS"),
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        List.of("-D", "taskmanager.resource-id=" + id));
        taskManagers.put(id, p);
    }

    /** SIGKILL of one TaskManager's process. */
    void kill9(String id) throws InterruptedException {
        Process p = taskManagers.remove(id);
        if (p == null) {
            throw new IllegalArgumentException("no TaskManager " + id);
        }
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    List<String> taskManagerIds() {
        return new ArrayList<>(taskManagers.keySet());
    }

    /** A live TaskManager of ours that runs tasks of the job. */
    String busyTaskManager(String jobId) throws IOException, InterruptedException {
        for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
            JsonNode tms =
                    get("/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/taskmanagers");
            for (JsonNode tm : tms.path("taskmanagers")) {
                String id = tm.path("taskmanager-id").asText();
                if (taskManagers.containsKey(id)) {
                    return id;
                }
            }
        }
        throw new IllegalStateException("no TaskManager of ours runs job " + jobId);
    }

    /** Waits until the cluster offers at least {@code n} free slots. */
    void awaitFreeSlots(int n, Duration timeout) throws InterruptedException {
        await("/overview", o -> o.path("slots-available").asInt() >= n, timeout, n + " free slots");
    }

    /** Output and exit code of a {@code CliFrontend} call. */
    record Cli(int exitCode, String output) {}

    /** {@code flink <args>} with this cluster's configuration. */
    Cli flink(Duration timeout, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(javaCommand());
        cmd.add("-Xmx512m");
        cmd.addAll(jdkFlags());
        cmd.addAll(List.of("-cp", LIB + "/*", "org.apache.flink.client.cli.CliFrontend"));
        cmd.addAll(Arrays.asList(args));
        Path log = Files.createTempFile(dir, "cli-", ".log");
        ProcessBuilder pb =
                new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FLINK_CONF_DIR", conf.toString());
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(
                        "flink " + String.join(" ", args) + " timed out; see " + log);
            }
        } finally {
            // Also when interrupted: no client outlives the call.
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        return new Cli(p.exitValue(), Files.readString(log));
    }

    /** {@code flink run -d [-s SP] -p N JAR ARGS}: returns the job id. */
    String runDetached(Path jar, String savepoint, int parallelism, List<String> jobArgs)
            throws Exception {
        List<String> a = new ArrayList<>(List.of("run", "-d"));
        if (savepoint != null) {
            a.addAll(List.of("-s", savepoint));
        }
        a.addAll(List.of("-p", Integer.toString(parallelism), jar.toString()));
        a.addAll(jobArgs);
        Cli r = flink(Duration.ofMinutes(3), a.toArray(String[]::new));
        Matcher m = JOB_ID.matcher(r.output());
        if (r.exitCode() != 0 || !m.find()) {
            throw new AssertionError("flink run failed (" + r.exitCode() + "):\n" + r.output());
        }
        return m.group(1);
    }

    /** {@code flink stop --savepointPath DIR JOB}: returns the savepoint's path. */
    String stopWithSavepoint(String jobId) throws Exception {
        Cli r =
                flink(
                        Duration.ofMinutes(3),
                        "stop",
                        "--savepointPath",
                        dir.resolve("savepoints").toUri().toString(),
                        jobId);
        Matcher m = SAVEPOINT.matcher(r.output());
        if (r.exitCode() != 0 || !m.find()) {
            throw new AssertionError("flink stop failed (" + r.exitCode() + "):\n" + r.output());
        }
        return m.group(1);
    }

    /**
     * Web submission: uploads the jar ({@code POST /jars/upload}) and runs it ({@code POST
     * /jars/<id>/run}) with these arguments, parallelism and savepoint (or null); returns the job
     * id.
     */
    String submitThroughRest(Path jar, List<String> args, int parallelism, String savepoint)
            throws IOException, InterruptedException {
        String boundary = "----fvi" + System.nanoTime();
        byte[] head =
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                                + jar.getFileName()
                                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> up =
                http.send(
                        HttpRequest.newBuilder(URI.create(restUrl() + "/jars/upload"))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(
                                        HttpRequest.BodyPublishers.ofByteArrays(
                                                List.of(head, Files.readAllBytes(jar), tail)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (up.statusCode() != 200) {
            throw new AssertionError("jar upload: HTTP " + up.statusCode() + " " + up.body());
        }
        String file = JSON.readTree(up.body()).path("filename").asText();
        String jarId = Path.of(file).getFileName().toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("programArgsList", args);
        body.put("parallelism", parallelism);
        if (savepoint != null) {
            body.put("savepointPath", savepoint);
        }
        HttpResponse<String> run =
                http.send(
                        HttpRequest.newBuilder(URI.create(restUrl() + "/jars/" + jarId + "/run"))
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofMinutes(2))
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                JSON.writeValueAsString(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (run.statusCode() != 200) {
            throw new AssertionError("jar run: HTTP " + run.statusCode() + " " + run.body());
        }
        return JSON.readTree(run.body()).path("jobid").asText();
    }

    /** GET on the REST API. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(restUrl() + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    String jobState(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** Polls until {@code done} holds for the REST document at {@code path}. */
    JsonNode await(String path, Predicate<JsonNode> done, Duration timeout, String what)
            throws InterruptedException {
        return await(
                () -> {
                    JsonNode n = get(path);
                    return done.test(n) ? n : null;
                },
                timeout,
                what);
    }

    /** Some reading of the cluster through REST: null until what is awaited holds. */
    interface Reading<T> {
        T read() throws IOException, InterruptedException;
    }

    /** Polls {@code reading} until it returns non-null, and returns that. */
    <T> T await(Reading<T> reading, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                T t = reading.read();
                if (t != null) {
                    return t;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                "timed out waiting for " + what + (last == null ? "" : ": " + last));
    }

    void awaitTaskManagers(int n, Duration timeout) throws InterruptedException {
        await(
                "/taskmanagers",
                t -> t.path("taskmanagers").size() >= n,
                timeout,
                n + " TaskManagers");
    }

    private void awaitRest(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jobManager.isAlive()) {
                throw new AssertionError(
                        "the JobManager exited; see " + dir.resolve("jobmanager.log"));
            }
            try {
                get("/overview");
                return;
            } catch (IOException e) {
                Thread.sleep(300);
            }
        }
        throw new AssertionError("the JobManager's REST API did not come up");
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(orphanGuard);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs stopAll itself
        }
        stopAll();
    }

    private synchronized void stopAll() {
        for (Process p : taskManagers.values()) {
            p.destroyForcibly();
        }
        jobManager.destroyForcibly();
        try {
            for (Process p : taskManagers.values()) {
                p.waitFor(30, TimeUnit.SECONDS);
            }
            jobManager.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        taskManagers.clear();
    }

    private static void writeConfig(
            Path dir, Path conf, int rest, int blob, int slots, Map<String, String> extra)
            throws IOException {
        Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
        Path savepoints = Files.createDirectories(dir.resolve("savepoints"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path upload = Files.createDirectories(dir.resolve("upload"));
        String opts = String.join(" ", jdkFlags());
        String yaml =
                String.join(
                        "\n",
                        "jobmanager.rpc.address: 127.0.0.1",
                        "jobmanager.rpc.port: " + freePort(),
                        "jobmanager.bind-host: 127.0.0.1",
                        "taskmanager.bind-host: 127.0.0.1",
                        "taskmanager.host: 127.0.0.1",
                        "rest.address: 127.0.0.1",
                        "rest.bind-address: 127.0.0.1",
                        "rest.port: " + rest,
                        "blob.server.port: " + blob,
                        "taskmanager.numberOfTaskSlots: " + slots,
                        "jobmanager.memory.process.size: 1000m",
                        "taskmanager.memory.process.size: 1200m",
                        "execution.checkpointing.dir: " + checkpoints.toUri(),
                        "execution.checkpointing.savepoint-dir: " + savepoints.toUri(),
                        "web.upload.dir: " + upload,
                        "io.tmp.dirs: " + tmp,
                        "env.java.opts.all: " + opts,
                        "");
        for (Map.Entry<String, String> e : extra.entrySet()) {
            yaml += e.getKey() + ": " + e.getValue() + "\n";
        }
        Files.writeString(conf.resolve("config.yaml"), yaml);
        Files.writeString(
                conf.resolve("log4j.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = FileAppender",
                        "appender.file.name = FileAppender",
                        "appender.file.type = File",
                        "appender.file.fileName = ${sys:log.file}",
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
                        ""));
        Files.copy(conf.resolve("log4j.properties"), conf.resolve("log4j-cli.properties"));
    }

    /** JVM arguments and dynamic {@code -D} arguments, as Flink's scripts pass them. */
    private record ResourceParams(List<String> jvm, List<String> dynamic) {}

    /** The JVM and dynamic arguments Flink's scripts would pass, from {@code BashJavaUtils}. */
    private static ResourceParams resourceParams(Path conf, String what) throws IOException {
        List<String> cmd = new ArrayList<>(javaCommand());
        cmd.addAll(
                List.of(
                        "-cp",
                        LIB + "/*",
                        "org.apache.flink.runtime.util.bash.BashJavaUtils",
                        what,
                        "--configDir",
                        conf.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> results =
                out.lines()
                        .filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                        .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()).trim())
                        .collect(Collectors.toList());
        if (results.size() < 2) {
            throw new IllegalStateException("BashJavaUtils " + what + " gave:\n" + out);
        }
        return new ResourceParams(
                words(results.get(results.size() - 2)), words(results.get(results.size() - 1)));
    }

    private static Process launch(
            Path dir, String name, ResourceParams params, String mainClass, List<String> extra)
            throws IOException {
        List<String> cmd = new ArrayList<>(javaCommand());
        cmd.addAll(params.jvm());
        cmd.addAll(jdkFlags());
        Path conf = dir.resolve("conf");
        cmd.add("-Dlog.file=" + dir.resolve(name + ".log"));
        cmd.add("-Xlog:gc:file=" + dir.resolve(name + "-gc.log"));
        cmd.add("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri());
        cmd.addAll(List.of("-cp", LIB + "/*", mainClass, "--configDir", conf.toString()));
        cmd.addAll(params.dynamic());
        cmd.addAll(extra);
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .start();
    }

    private static List<String> words(String s) {
        return Arrays.stream(s.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    private static List<String> javaCommand() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The test JVM's own --add-opens/--add-exports, which are Flink's usual Java 17 list. */
    private static List<String> jdkFlags() {
        List<String> flags = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("--add-exports")) {
                flags.add(a);
            }
        }
        return flags;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
