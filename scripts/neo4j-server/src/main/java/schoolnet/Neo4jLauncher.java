package schoolnet;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs a Neo4j Community DBMS (embedded) with its Bolt connector on a loopback address, for
 * schoolnet's tests and development. Started by {@code scripts/neo4j-test-server}.
 *
 * <pre>
 * java -cp 'classes:lib/*' schoolnet.Neo4jLauncher HOME_DIR [PORT] [HOST]
 * </pre>
 *
 * HOME_DIR holds data/ and logs/ (created if missing); PORT defaults to 7687 (0 picks a free
 * port); HOST defaults to 127.0.0.1. Auth is off, HTTP is off, memory is kept small. Once the
 * default database is available it prints {@code READY bolt://HOST:PORT} on stdout. SIGTERM
 * (or SIGINT) shuts the DBMS down cleanly and then prints {@code STOPPED}.
 */
public final class Neo4jLauncher {

    private static final String DEFAULT_HOST = "127.0.0.1";
    private static final int DEFAULT_PORT = 7687;

    private Neo4jLauncher() {}

    /** Transaction memory cap in MiB: SCHOOLNET_NEO4J_TX_MEMORY_MB, default 3072. */
    static long txMemoryMb() {
        String v = System.getenv("SCHOOLNET_NEO4J_TX_MEMORY_MB");
        if (v == null || v.isBlank()) {
            return 3072;
        }
        return Long.parseLong(v.trim());
    }

    /**
     * Page cache size in bytes: SCHOOLNET_NEO4J_PAGECACHE (a number of bytes, or with a k, m or g
     * suffix), default 256m (tests); a country-sized database wants about its store size.
     */
    static long pageCacheBytes() {
        String v = System.getenv("SCHOOLNET_NEO4J_PAGECACHE");
        if (v == null || v.isBlank()) {
            return ByteUnit.mebiBytes(256);
        }
        String text = v.trim().toLowerCase(java.util.Locale.ROOT);
        char unit = text.charAt(text.length() - 1);
        long scale = switch (unit) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1L;
        };
        String digits = scale == 1L ? text : text.substring(0, text.length() - 1);
        return Long.parseLong(digits.trim()) * scale;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 3 || args[0].startsWith("-")) {
            System.err.println("usage: Neo4jLauncher HOME_DIR [PORT] [HOST]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_PORT;
        String host = args.length > 2 ? args[2] : DEFAULT_HOST;
        Files.createDirectories(home);

        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        long t0 = System.nanoTime();

        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    // neo4j.log-style user log to stdout (the script sends it to its log file)
                    .setUserLogProvider(new Log4jLogProvider(System.out, Level.INFO))
                    // network: Bolt on the loopback address only, no HTTP(S), no routing port
                    .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(host))
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(BoltConnector.thread_pool_max_size, 100)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.routing_enabled, false)
                    // security: a throw-away local server
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    // memory: modest, so it fits next to the test suite
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes())
                    .setConfig(GraphDatabaseSettings.tx_state_memory_allocation,
                            GraphDatabaseSettings.TransactionStateMemoryAllocation.ON_HEAP)
                    // transaction state: a region-sized import is one transaction (~2.5 GB of state)
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size,
                            ByteUnit.mebiBytes(txMemoryMb()))
                    .setConfig(GraphDatabaseSettings.query_cache_size, 200)
                    // disk: small, non-preallocated transaction logs, kept briefly
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .setConfig(GraphDatabaseSettings.preallocate_store_files, false)
                    .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(32))
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                    .setConfig(GraphDatabaseSettings.pagecache_warmup_enabled, false)
                    // no phoning home (there is no network besides the registries anyway)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .build();
        } catch (Throwable e) {
            System.err.println("FAILED to start Neo4j: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("STOPPING");
            try {
                dbms.shutdown();
                out.println("STOPPED");
            } catch (Throwable e) {
                System.err.println("error while shutting Neo4j down: " + e);
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "neo4j-launcher-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(Duration.ofMinutes(5).toMillis())) {
            System.err.println("FAILED: database 'neo4j' did not become available");
            System.exit(1);
        }
        int boltPort = boundBoltPort(db, port);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        out.println("Neo4j " + neo4jVersion() + " started in " + ms + " ms, home " + home);
        out.println("READY bolt://" + host + ":" + boltPort);

        stopped.await(); // the JVM exits through the shutdown hook
    }

    /** The port Bolt actually listens on (matters when 0 was asked for). */
    private static int boundBoltPort(GraphDatabaseService db, int configured) {
        try {
            ConnectorPortRegister ports = ((GraphDatabaseAPI) db).getDependencyResolver()
                    .resolveDependency(ConnectorPortRegister.class);
            HostnamePort address = ports.getLocalAddress(ConnectorType.BOLT);
            if (address != null) {
                return address.getPort();
            }
        } catch (RuntimeException e) {
            System.err.println("could not read the bound Bolt port: " + e);
        }
        return configured;
    }

    private static String neo4jVersion() {
        Package p = DatabaseManagementServiceBuilder.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "5.26" : v;
    }
}
