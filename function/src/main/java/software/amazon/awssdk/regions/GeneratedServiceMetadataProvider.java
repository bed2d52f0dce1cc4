package software.amazon.awssdk.regions;

import software.amazon.awssdk.regions.servicemetadata.AirflowServiceMetadata;

/**
 * Replaces the AWS SDK's generated table of every service's endpoint metadata (one class per service, about 300)
 * with the one service this function calls: MWAA ({@code airflow}).
 *
 * <p>Why: building any SDK client asks this table for its signing region, and the SDK's version loads and
 * initialises all ~300 classes to build the table, which is a tenth of a cold start. This class sits in the
 * function's own classes, which Lambda's class loader searches before {@code lib/}, so it is found instead of
 * the SDK's copy in {@code lib/regions-*.jar}. For MWAA it answers exactly what the SDK's table answers (a unit test
 * compares both for every region); for any other service it answers null, for which the SDK uses its generic
 * metadata, as it does for services missing from its table.
 */
public final class GeneratedServiceMetadataProvider implements ServiceMetadataProvider {

    @Override
    public ServiceMetadata serviceMetadata(String endpointPrefix) {
        return "airflow".equals(endpointPrefix) ? Airflow.METADATA : null;
    }

    private static final class Airflow {
        static final ServiceMetadata METADATA = new AirflowServiceMetadata();
    }
}
