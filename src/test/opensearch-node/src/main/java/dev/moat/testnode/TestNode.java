package dev.moat.testnode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node with the plugins Moat's index needs, loaded from the classpath (the way OpenSearch's own test
 * framework starts nodes): HTTP and transport, the english analyzer, painless and k-NN.
 *
 * <p>Arguments: home folder, cluster name, node name, HTTP port, transport port, then the transport addresses of
 * the cluster's other nodes (none for a single-node cluster). Prints "started" on standard output once it serves.
 */
public final class TestNode {

    private TestNode() {}

    static final class PluginNode extends Node {
        PluginNode(Environment environment, List<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        String cluster = args[1];
        String name = args[2];
        List<String> peers = List.of(args).subList(5, args.length);
        Settings.Builder settings = Settings.builder()
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("cluster.name", cluster)
                .put("node.name", name)
                .put("network.host", "127.0.0.1")
                .put("http.port", args[3])
                .put("transport.port", args[4])
                // a test node on a shared machine: never refuse writes for a fullish disk
                .put("cluster.routing.allocation.disk.threshold_enabled", false);
        if (peers.isEmpty()) {
            settings.put("discovery.type", "single-node");
        } else {
            settings.putList("discovery.seed_hosts", peers);
            settings.putList("cluster.initial_cluster_manager_nodes", names(args[2], peers.size()));
        }
        Environment environment =
                InternalSettingsPreparer.prepareEnvironment(settings.build(), Map.of(), null, () -> name);
        // k-NN comes as a plugin zip, unpacked beside this jar: named, not compiled against
        Class<? extends Plugin> knn =
                Class.forName("org.opensearch.knn.plugin.KNNPlugin").asSubclass(Plugin.class);
        Node node = new PluginNode(
                environment,
                List.of(Netty4Plugin.class, CommonAnalysisPlugin.class, PainlessPlugin.class, knn));
        node.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }));
        System.out.println("started");
        System.out.flush();
        Thread.currentThread().join();
    }

    /** The cluster's node names: this one's prefix numbered 0..n ("node-0", "node-1", ...). */
    private static List<String> names(String self, int peers) {
        String prefix = self.substring(0, self.lastIndexOf('-') + 1);
        return java.util.stream.IntStream.rangeClosed(0, peers).mapToObj(i -> prefix + i).toList();
    }
}
