package org.deescalation.search;

import java.util.List;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.env.Environment;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/** OpenSearch 2.x node with the distribution's two modules we need loaded from the classpath. */
final class EmbeddedNode extends Node {

    /**
     * Plugins that the distribution would load from modules/: we put them on the classpath
     * instead. Netty4 provides HTTP + transport; analysis-common provides asciifolding,
     * ngram, edge_ngram, ... (the core alone only has standard/keyword/whitespace analysis).
     */
    private static final List<Class<? extends Plugin>> PLUGINS = List.of(Netty4Plugin.class, CommonAnalysisPlugin.class);

    EmbeddedNode(Environment environment) {
        // protected Node(Environment, Collection<Class<? extends Plugin>>, boolean forbidPrivateIndexSettings)
        // forbidPrivateIndexSettings=true is what the public constructor (and a real server) uses.
        // validateNodeBeforeAcceptingRequests() is deliberately NOT overridden: the base
        // implementation is a no-op; the production bootstrap checks (vm.max_map_count, file
        // descriptors, heap size...) are only added by org.opensearch.bootstrap.Bootstrap.
        super(environment, PLUGINS, true);
    }
}
