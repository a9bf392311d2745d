package org.deescalation.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.action.admin.cluster.health.ClusterHealthResponse;
import org.opensearch.cluster.health.ClusterHealthStatus;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.core.common.transport.TransportAddress;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;

/**
 * A genuine OpenSearch server (2.19 or 3.x, whichever the build put on the classpath),
 * embedded in a plain JVM from Maven Central artifacts (no distribution tarball, no Docker).
 * For development and tests only: HTTP and transport on 127.0.0.1, no security plugin.
 *
 * <p>Usage: {@code java -cp CLASSPATH org.deescalation.search.SearchEngineNode
 * [--port N] [--data DIR] [--cluster-name NAME] [--node-name NAME] [--transport-port N]
 * [--seed-hosts HOST:PORT,...] [--initial-cluster-manager-nodes NAME,...] [--ready-timeout SECONDS]}.
 * Each option falls back to a system property, then an environment variable
 * ({@code search.engine.port} / {@code SEARCH_ENGINE_PORT}, {@code search.engine.data} /
 * {@code SEARCH_ENGINE_DATA}, ...), then a default. {@code --port 0} picks a free port.
 *
 * <p>Without {@code --seed-hosts} the node is a single-node cluster ({@code discovery.type=single-node}).
 * With it, the node discovers the others through their transport ports and, on a fresh cluster,
 * bootstraps from {@code --initial-cluster-manager-nodes} (the node names that vote in the first
 * election; ignored once the data dir holds a cluster state, e.g. on a restart).
 *
 * <p>Once this node has joined a cluster (it knows an elected cluster manager) AND cluster health is at
 * least yellow it prints exactly one line on stdout, {@code OpenSearch ready on http://127.0.0.1:PORT}
 * (PORT is the real bound port), then blocks until SIGTERM/SIGINT, when a shutdown hook closes the
 * node. Logs go to stderr. Exit status 1 if the node cannot start (port in use, data dir locked...)
 * or, in cluster mode, has not joined a yellow cluster within the ready timeout.
 */
public final class SearchEngineNode {

    private SearchEngineNode() {
    }

    public static void main(String[] args) throws Exception {
        // --- Bootstrap quirks when embedding (what bin/opensearch + jvm.options + Bootstrap do) ---
        // 1. Log4j's own shutdown hook would stop logging before our hook has closed the node
        //    (the distribution's jvm.options sets the same property).
        System.setProperty("log4j.shutdownHookEnabled", "false");
        System.setProperty("log4j2.disable.jmx", "true");
        // 2. Netty4Utils.setAvailableProcessors() throws IllegalStateException if Netty's processor
        //    count was already fixed elsewhere in the JVM; opt out, Netty then uses
        //    Runtime.availableProcessors(), which is what node.processors defaults to anyway.
        System.setProperty("opensearch.set.netty.runtime.available.processors", "false");
        // 3. Logging: log4j2.properties on our classpath (console, root WARN, node lifecycle INFO)
        //    is found by log4j's auto-configuration. LogConfigurator.configure() is not called: it
        //    wants a config/ dir holding the distribution's log4j2.properties.
        // 4. No security manager, no JarHell check, no native (mlockall/seccomp) init: those live in
        //    org.opensearch.bootstrap.Bootstrap, which we bypass; classpath plugins are not
        //    jar-hell checked by PluginsService. Fine for dev/tests, not for production.

        String port = option(args, "--port", "search.engine.port", "SEARCH_ENGINE_PORT", "9200");
        String data = option(args, "--data", "search.engine.data", "SEARCH_ENGINE_DATA", ".var/search-engine/data");
        String clusterName = option(args, "--cluster-name", "search.engine.cluster", "SEARCH_ENGINE_CLUSTER", "search-engine-dev");
        String nodeName = option(args, "--node-name", "search.engine.node", "SEARCH_ENGINE_NODE", "search-engine-node");
        String transportPort = option(args, "--transport-port", "search.engine.transport.port", "SEARCH_ENGINE_TRANSPORT_PORT", "0");
        List<String> seedHosts = list(option(args, "--seed-hosts", "search.engine.seed.hosts", "SEARCH_ENGINE_SEED_HOSTS", ""));
        List<String> initialManagers = list(option(args, "--initial-cluster-manager-nodes",
            "search.engine.initial.cluster.manager.nodes", "SEARCH_ENGINE_INITIAL_CLUSTER_MANAGER_NODES", ""));
        boolean clusterMode = !seedHosts.isEmpty();
        long readyTimeout = Long.parseLong(option(args, "--ready-timeout", "search.engine.ready.timeout",
            "SEARCH_ENGINE_READY_TIMEOUT", clusterMode ? "180" : "60"));

        Path dataDir = Paths.get(data).toAbsolutePath().normalize();
        Files.createDirectories(dataDir);

        Settings.Builder builder = Settings.builder()
            .put("cluster.name", clusterName)
            .put("node.name", nodeName)
            // path.home only has to exist: there is no config/, plugins/ or modules/ under it
            // (everything comes from the classpath) and logs go to the console, not path.logs.
            .put("path.home", dataDir.toString())
            .put("path.data", dataDir.toString())
            .put("http.host", "127.0.0.1")
            .put("http.port", port)
            .put("http.type", "netty4")
            .put("transport.host", "127.0.0.1")
            // single node: 0 = ephemeral, transport is only used inside this one node.
            // cluster: the fixed port the other nodes' --seed-hosts name.
            .put("transport.port", transportPort)
            .put("transport.type", "netty4")
            // dev machines / CI often have >90% full disks: never block writes because of that
            .put("cluster.routing.allocation.disk.threshold_enabled", false);
        if (clusterMode) {
            builder.putList("discovery.seed_hosts", seedHosts);
            if (!initialManagers.isEmpty()) {
                builder.putList("cluster.initial_cluster_manager_nodes", initialManagers);
            }
        } else {
            // no cluster bootstrapping/discovery, and bootstrap checks would only warn anyway
            builder.put("discovery.type", "single-node");
        }
        Settings settings = builder.build();

        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings, Collections.emptyMap(), null, () -> nodeName);

        final Node node;
        try {
            node = new EmbeddedNode(environment);
        } catch (Throwable t) {
            fail("could not create node", t);
            return;
        }

        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                org.apache.logging.log4j.LogManager.shutdown();
                closed.countDown();
            }
        }, "search-engine-shutdown"));

        TransportAddress http;
        try {
            node.start();
            http = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress();
            // "ready" means what clients care about: this node is in a cluster with an elected
            // cluster manager, and every existing index has its primaries (yellow).
            ClusterHealthStatus status = awaitJoinedAndYellow(node, readyTimeout);
            if (status == null || status == ClusterHealthStatus.RED) {
                String what = (status == null ? "no cluster joined" : "cluster health is RED") + " after " + readyTimeout + "s";
                if (clusterMode) {
                    throw new IllegalStateException(what);
                }
                // single node: an index whose primaries cannot start must not hide the node itself
                System.err.println("search-engine: WARNING " + what);
            }
        } catch (Throwable t) {
            // Without this, non-daemon threads started by the constructor would keep the JVM alive.
            fail("could not start node", t);
            return;
        }

        System.out.println("OpenSearch ready on http://" + http.getAddress() + ":" + http.getPort());
        System.out.flush();

        // Block main until the shutdown hook (SIGTERM/SIGINT) has closed the node.
        closed.await();
    }

    /**
     * Wait until this node knows an elected cluster manager and the cluster is at least yellow.
     * Returns the last status seen (null if no cluster manager answered) when the timeout passes.
     */
    private static ClusterHealthStatus awaitJoinedAndYellow(Node node, long timeoutSeconds) throws InterruptedException {
        ClusterService clusterService = node.injector().getInstance(ClusterService.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        ClusterHealthStatus status = null;
        while (true) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()));
            TimeValue wait = TimeValue.timeValueSeconds(Math.min(5, left));
            if (clusterService.state().nodes().getClusterManagerNodeId() != null) {
                try {
                    ClusterHealthResponse health = node.client().admin().cluster().prepareHealth()
                        .setWaitForYellowStatus().setTimeout(wait).setClusterManagerNodeTimeout(wait).get();
                    status = health.getStatus();
                    if (!health.isTimedOut() && status != ClusterHealthStatus.RED) {
                        return status;
                    }
                } catch (Exception e) {
                    // the cluster manager went away between the check and the request: try again
                }
            }
            if (System.nanoTime() >= deadline) {
                return status;
            }
            Thread.sleep(200);
        }
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static void fail(String what, Throwable t) {
        System.err.println("search-engine: " + what + ": " + t);
        t.printStackTrace();
        System.exit(1); // runs the shutdown hook (if registered), which closes the node
    }

    /** Command-line {@code --name value} / {@code --name=value}, else system property, else env, else default. */
    private static String option(String[] args, String flag, String prop, String env, String dflt) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(flag) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith(flag + "=")) {
                return args[i].substring(flag.length() + 1);
            }
        }
        String v = System.getProperty(prop);
        if (v == null || v.isEmpty()) {
            v = System.getenv(env);
        }
        return (v == null || v.isEmpty()) ? dflt : v;
    }
}
