package software.amazon.awssdk.regions;

import software.amazon.awssdk.regions.servicemetadata.AirflowServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.StsServiceMetadata;

/**
 * Replaces the AWS SDK's generated table of every service's endpoint metadata (one class per service, about 300)
 * with the two services this function calls: MWAA ({@code airflow}) and, for people's own sessions, STS.
 *
 * <p>Why: building any SDK client asks this table for its signing region, and the SDK's version loads and
 * initialises all ~300 classes to build the table, which is a tenth of a cold start. This class sits in the
 * function's own classes, which Lambda's class loader searches before {@code lib/}, so it is found instead of
 * the SDK's copy in {@code lib/regions-*.jar}. For MWAA and STS it answers exactly what the SDK's table answers (a unit
 * test compares them for every region); for any other service it answers null, for which the SDK uses its generic
 * metadata, as it does for services missing from its table.
 *
 * <p>What it saves, and when it goes: the benchmark's cold path measured 550 → 462 ms and 103 → 85 MiB when it came
 * in (BENCHMARKS.md, "Optimisations kept"). SDK releases from 2.53 on no longer build every service's metadata at
 * once; when this project can move to one of them (its {@code mwaa} module must be available), delete this class and
 * {@link GeneratedRegionMetadataProvider} and rerun the benchmark.
 */
public final class GeneratedServiceMetadataProvider implements ServiceMetadataProvider {

    @Override
    public ServiceMetadata serviceMetadata(String endpointPrefix) {
        return switch (endpointPrefix) {
            case "airflow" -> Airflow.METADATA;
            case "sts" -> Sts.METADATA;
            default -> null;
        };
    }

    private static final class Airflow {
        static final ServiceMetadata METADATA = new AirflowServiceMetadata();
    }

    private static final class Sts {
        static final ServiceMetadata METADATA = new StsServiceMetadata();
    }
}
