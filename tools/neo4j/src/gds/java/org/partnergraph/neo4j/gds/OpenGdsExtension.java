package org.partnergraph.neo4j.gds;

import java.util.Optional;

import org.neo4j.configuration.Config;
import org.neo4j.gds.applications.modelcatalog.ModelRepository;
import org.neo4j.gds.applications.operations.FeatureTogglesRepository;
import org.neo4j.gds.core.model.OpenModelCatalog;
import org.neo4j.gds.core.write.NativeExportBuildersProvider;
import org.neo4j.gds.logging.Log;
import org.neo4j.gds.metrics.Metrics;
import org.neo4j.gds.procedures.ExporterBuildersProviderService;
import org.neo4j.gds.procedures.integration.DefaultExportLocation;
import org.neo4j.gds.procedures.integration.LogAccessor;
import org.neo4j.gds.procedures.integration.OpenGraphDataScienceExtensionBuilder;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.extension.ExtensionFactory;
import org.neo4j.kernel.extension.context.ExtensionContext;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.logging.internal.LogService;

/**
 * Registers the OpenGDS component that all {@code gds.*} procedures inject.
 *
 * <p>The GDS modules published on Maven Central ({@code org.neo4j.gds:proc} and its dependencies)
 * contain every procedure and the {@link OpenGraphDataScienceExtensionBuilder}, but not the small
 * "open-packaging" module whose Neo4j extension calls it; without it Neo4j refuses to start
 * ("GraphDataScienceProcedures ... is not a known injectable component"). This class plays that
 * role with the OpenGDS defaults: native writes only, no metrics, in-memory model catalog, no
 * model storing. Built only with the Maven profile {@code gds}, into
 * {@code target/plugins/neo4j-launcher-gds-extension.jar}, which must be on the JVM class path
 * (run.sh puts the plugins dir there) because Neo4j finds extensions with ServiceLoader.
 */
public final class OpenGdsExtension extends ExtensionFactory<OpenGdsExtension.Dependencies> {

    public OpenGdsExtension() {
        super("gds.open");
    }

    @Override
    public Lifecycle newInstance(ExtensionContext context, Dependencies dependencies) {
        Log log = new LogAccessor().getLog(dependencies.logService(), getClass());
        Config config = dependencies.config();
        ExporterBuildersProviderService exporters = (db, cfg) -> new NativeExportBuildersProvider();
        ModelRepository noModelStore = model -> {
            throw new UnsupportedOperationException("Storing models is not available in OpenGDS");
        };
        return OpenGraphDataScienceExtensionBuilder.create(
                        log,
                        dependencies.globalProcedures(),
                        config,
                        exporters,
                        new DefaultExportLocation(log, config),
                        new FeatureTogglesRepository(),
                        Metrics.DISABLED,
                        new OpenModelCatalog(),
                        noModelStore,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())
                .getLeft()
                .build();
    }

    /** Neo4j resolves these from its dependency container by method return type. */
    public interface Dependencies {
        Config config();

        GlobalProcedures globalProcedures();

        LogService logService();
    }
}
