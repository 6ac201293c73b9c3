package org.partnergraph.neo4j;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.locker.FileLockException;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs an embedded Neo4j Community DBMS as a standalone process with only the Bolt connector,
 * bound to 127.0.0.1, auth disabled. Once the default database is available, the Bolt URI is
 * written (atomically) to --uri-file and printed on stdout; the process then blocks until
 * SIGTERM/SIGINT, shuts the DBMS down cleanly, removes the uri file and exits 0.
 *
 * <p>Exit codes: 0 clean stop, 1 unexpected failure, 2 bad arguments, 3 port in use, 4 data dir
 * locked by another process, 5 database did not become available in time.
 */
public final class Launcher {
    private static final String DEFAULT_DB = GraphDatabaseSettings.DEFAULT_DATABASE_NAME;
    private static final long START_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(5);

    private static final int EXIT_USAGE = 2;
    private static final int EXIT_PORT_IN_USE = 3;
    private static final int EXIT_LOCKED = 4;
    private static final int EXIT_NOT_AVAILABLE = 5;

    private final Path dataDir;
    private final int port;
    private final Path uriFile;
    private final long pageCacheBytes;
    private final Path pluginsDir;

    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile DatabaseManagementService dbms;
    private volatile OutputStream userLog;

    private Launcher(Path dataDir, int port, Path uriFile, long pageCacheBytes, Path pluginsDir) {
        this.dataDir = dataDir;
        this.port = port;
        this.uriFile = uriFile;
        this.pageCacheBytes = pageCacheBytes;
        this.pluginsDir = pluginsDir;
    }

    public static void main(String[] args) {
        Launcher launcher;
        try {
            launcher = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("neo4j-launcher: " + e.getMessage());
            System.err.println(usage());
            System.exit(EXIT_USAGE);
            return;
        }
        System.exit(launcher.run());
    }

    private static String usage() {
        return "usage: Launcher --data-dir DIR [--port N (default 7687, 0 = any free port)]"
                + " [--uri-file FILE] [--pagecache 256m] [--plugins DIR]";
    }

    private static Launcher parse(String[] args) {
        Path dataDir = null;
        int port = 7687;
        Path uriFile = null;
        String pageCache = "256m";
        Path plugins = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                System.out.println(usage());
                System.exit(0);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + arg);
                }
                value = args[++i];
            }
            switch (arg) {
                case "--data-dir" -> dataDir = Path.of(value);
                case "--uri-file" -> uriFile = Path.of(value);
                case "--pagecache" -> pageCache = value;
                case "--plugins" -> plugins = Path.of(value);
                case "--port" -> {
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port must be an integer: " + value);
                    }
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("--port out of range: " + value);
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir is required");
        }
        long pageCacheBytes;
        try {
            pageCacheBytes = ByteUnit.parse(pageCache);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad --pagecache value: " + pageCache);
        }
        if (plugins != null && !Files.isDirectory(plugins)) {
            throw new IllegalArgumentException("--plugins is not a directory: " + plugins);
        }
        return new Launcher(
                dataDir.toAbsolutePath().normalize(),
                port,
                uriFile == null ? null : uriFile.toAbsolutePath().normalize(),
                pageCacheBytes,
                plugins == null ? null : plugins.toAbsolutePath().normalize());
    }

    private int run() {
        installSignalHandlers();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "neo4j-launcher-shutdown"));

        Path logsDir = dataDir.resolve("logs");
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(logsDir);
            userLog = new FileOutputStream(logsDir.resolve("neo4j.log").toFile(), true);
        } catch (IOException e) {
            System.err.println("neo4j-launcher: cannot create data dir " + dataDir + ": " + e);
            return 1;
        }

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(dataDir)
                .setUserLogProvider(new Log4jLogProvider(userLog))
                .setConfig(GraphDatabaseSettings.logs_directory, logsDir)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Otherwise every database (system + neo4j) preallocates a 256 MiB transaction log:
                // ~0.5 GB of disk for an empty data dir, bad for tests that create many of them.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.preallocate_store_files, false)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                // Internal setting: Netty's graceful-shutdown quiet period defaults to 5 s per event
                // loop group, which made a clean stop take ~11 s. Nothing is in flight by then.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
        if (pluginsDir != null) {
            // Neo4j finds extension factories (GDS, APOC) with ServiceLoader on the class path, and
            // procedures by scanning plugin_dir: like Neo4j's own server, run.sh puts DIR/* on both.
            String classPath = System.getProperty("java.class.path", "");
            if (!classPath.contains(pluginsDir.toString())) {
                System.err.println("neo4j-launcher: warning: " + pluginsDir + "/* is not on the class path;"
                        + " GDS needs it there (use run.sh)");
            }
            builder.setConfig(GraphDatabaseSettings.plugin_dir, pluginsDir)
                    .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*", "apoc.*"));
        }

        long t0 = System.nanoTime();
        try {
            dbms = builder.build();
        } catch (Throwable t) {
            return reportStartupFailure(t);
        }
        if (stopRequested.getCount() == 0) {
            stop();
            return 0;
        }

        GraphDatabaseService db;
        try {
            db = dbms.database(DEFAULT_DB);
        } catch (Throwable t) {
            return reportStartupFailure(t);
        }
        if (!db.isAvailable(START_TIMEOUT_MS)) {
            System.err.println("neo4j-launcher: database '" + DEFAULT_DB + "' did not become available within "
                    + START_TIMEOUT_MS / 1000 + "s; see " + logsDir.resolve("debug.log"));
            stop();
            return EXIT_NOT_AVAILABLE;
        }

        int boltPort;
        try {
            boltPort = boundBoltPort(db);
            awaitListening(boltPort);
        } catch (Throwable t) {
            System.err.println("neo4j-launcher: Bolt connector is not reachable: " + t);
            stop();
            return 1;
        }
        String uri = "bolt://127.0.0.1:" + boltPort;

        if (uriFile != null) {
            try {
                writeAtomically(uriFile, uri + "\n");
            } catch (IOException e) {
                System.err.println("neo4j-launcher: cannot write uri file " + uriFile + ": " + e);
                stop();
                return 1;
            }
        }
        PrintStream out = System.out;
        out.println(uri);
        out.flush();
        System.err.printf("neo4j-launcher: database '%s' ready in %d ms (data dir %s, logs in %s)%n",
                DEFAULT_DB, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), dataDir, logsDir);

        // Block until SIGTERM/SIGINT (signal handler) or JVM shutdown (hook).
        while (true) {
            try {
                stopRequested.await();
                break;
            } catch (InterruptedException ignored) {
                // keep waiting
            }
        }
        stop();
        return 0;
    }

    /** Handle TERM/INT ourselves so a requested stop is a clean exit 0 (not 143/130). */
    private void installSignalHandlers() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> stopRequested.countDown());
            } catch (Throwable t) {
                // Fall back to the shutdown hook (exit status will be 128+signal).
            }
        }
    }

    private int reportStartupFailure(Throwable t) {
        int code = 1;
        String message = null;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof FileLockException) {
                code = EXIT_LOCKED;
                message = "data dir " + dataDir + " is locked by another process (is another Neo4j"
                        + " launcher running on it?): " + c.getMessage();
                break;
            }
            if (c instanceof BindException) {
                code = EXIT_PORT_IN_USE;
                message = "cannot bind Bolt to 127.0.0.1:" + port + " (port already in use?): "
                        + c.getMessage();
                break;
            }
        }
        if (message == null) {
            message = "failed to start Neo4j: " + t + " (see " + dataDir.resolve("logs/debug.log") + ")";
            t.printStackTrace(System.err);
        }
        System.err.println("neo4j-launcher: " + message);
        stop();
        return code;
    }

    private int boundBoltPort(GraphDatabaseService db) {
        if (port != 0) {
            return port;
        }
        ConnectorPortRegister ports = ((GraphDatabaseAPI) db).getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class);
        HostnamePort address = ports.getLocalAddress(ConnectorType.BOLT);
        if (address == null) {
            throw new IllegalStateException("Bolt connector did not register a port");
        }
        return address.getPort();
    }

    private static void awaitListening(int boltPort) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", boltPort), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path dir = target.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir == null ? Path.of(".") : dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Idempotent: remove the uri file first (no longer connectable), then shut the DBMS down. */
    private synchronized void stop() {
        stopRequested.countDown();
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (uriFile != null) {
            try {
                Files.deleteIfExists(uriFile);
            } catch (IOException e) {
                System.err.println("neo4j-launcher: cannot delete uri file " + uriFile + ": " + e);
            }
        }
        DatabaseManagementService service = dbms;
        if (service != null) {
            try {
                service.shutdown();
                System.err.println("neo4j-launcher: Neo4j shut down cleanly");
            } catch (Throwable t) {
                System.err.println("neo4j-launcher: error during shutdown: " + t);
            }
        }
        OutputStream log = userLog;
        if (log != null) {
            try {
                log.close();
            } catch (IOException ignored) {
                // nothing useful to do
            }
        }
    }
}
