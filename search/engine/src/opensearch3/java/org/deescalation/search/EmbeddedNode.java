package org.deescalation.search;

import java.util.Collections;
import java.util.List;

import org.opensearch.Version;
import org.opensearch.analysis.common.CommonAnalysisModulePlugin;
import org.opensearch.env.Environment;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.plugins.PluginInfo;
import org.opensearch.transport.Netty4ModulePlugin;

/** OpenSearch 3.x node with the distribution's two modules we need loaded from the classpath. */
final class EmbeddedNode extends Node {

    /**
     * Plugins that the distribution would load from modules/: we put them on the classpath
     * instead. Netty4 provides HTTP + transport; analysis-common provides asciifolding,
     * ngram, edge_ngram, ... (3.x renamed both classes to *ModulePlugin).
     */
    private static final List<Class<? extends Plugin>> PLUGINS = List.of(
        Netty4ModulePlugin.class, CommonAnalysisModulePlugin.class);

    EmbeddedNode(Environment environment) {
        // 3.x: protected Node(Environment, Collection<PluginInfo>, boolean forbidPrivateIndexSettings).
        // Classpath plugins are now described by a PluginInfo; PluginsService loads each one with
        // Class.forName(info.getClassname()). See the 2.x EmbeddedNode for the rest.
        super(environment, PLUGINS.stream().map(EmbeddedNode::classpathPlugin).toList(), true);
    }

    private static PluginInfo classpathPlugin(Class<? extends Plugin> plugin) {
        // (name, description, version, opensearchVersion, javaVersion, classname,
        //  extendedPlugins, hasNativeController)
        return new PluginInfo(plugin.getName(), "classpath plugin", "NA", Version.CURRENT,
            Runtime.version().feature() + "", plugin.getName(), Collections.emptyList(), false);
    }
}
