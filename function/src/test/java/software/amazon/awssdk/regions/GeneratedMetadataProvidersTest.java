package software.amazon.awssdk.regions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The function's trimmed metadata tables must answer exactly as the SDK's generated ones do for what the function
 * uses, and must be the ones the class loader finds.
 */
class GeneratedMetadataProvidersTest {

    /** Loads the SDK's own copy of a class from the regions jar, beside ours. */
    private static final class SdkCopyLoader extends ClassLoader {
        private final String jar;

        SdkCopyLoader(String jar) {
            super(GeneratedMetadataProvidersTest.class.getClassLoader());
            this.jar = jar;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("software.amazon.awssdk.regions.Generated")) {
                return super.loadClass(name, resolve);
            }
            try (ZipFile zip = new ZipFile(jar); InputStream in = zip.getInputStream(
                    zip.getEntry(name.replace('.', '/') + ".class"))) {
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException | NullPointerException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }

    private static String regionsJar() {
        URL location = Region.class.getProtectionDomain().getCodeSource().getLocation();
        assertTrue(location.getPath().endsWith(".jar"), location.toString());
        return location.getPath();
    }

    /** Deprecated in the SDK, but still answered by both tables: a copy must answer it alike. */
    @SuppressWarnings("deprecation")
    private static String domain(RegionMetadata metadata) {
        return metadata.domain();
    }

    private static <T> T sdkCopy(String simpleName) throws ReflectiveOperationException {
        @SuppressWarnings("unchecked")
        T instance = (T) new SdkCopyLoader(regionsJar()).loadClass("software.amazon.awssdk.regions." + simpleName)
                .getDeclaredConstructor().newInstance();
        return instance;
    }

    @Test
    void oursAreTheOnesFound() {
        assertTrue(!GeneratedServiceMetadataProvider.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath().endsWith(".jar"));
        assertTrue(!GeneratedRegionMetadataProvider.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath().endsWith(".jar"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"airflow", "sts"})
    void theMetadataOfTheServicesCalledIsTheSdksForEveryRegion(String service) throws ReflectiveOperationException {
        ServiceMetadata ours = new GeneratedServiceMetadataProvider().serviceMetadata(service);
        ServiceMetadata sdks = GeneratedMetadataProvidersTest.<ServiceMetadataProvider>sdkCopy(
                "GeneratedServiceMetadataProvider").serviceMetadata(service);
        assertNotNull(ours);
        assertEquals(sdks.getClass().getName(), ours.getClass().getName());
        assertEquals(sdks.regions(), ours.regions());
        assertEquals(describe(sdks.servicePartitions()), describe(ours.servicePartitions()));
        for (Region region : Region.regions()) {
            assertEquals(sdks.signingRegion(region), ours.signingRegion(region), region.id());
            assertEquals(sdks.endpointFor(region), ours.endpointFor(region), region.id());
        }
        assertEquals(ServiceMetadata.of(service).signingRegion(Region.US_EAST_1), Region.US_EAST_1);
    }

    @Test
    void otherServicesFallBackToTheSdksGenericMetadata() {
        assertNull(new GeneratedServiceMetadataProvider().serviceMetadata("s3"));
        assertInstanceOf(DefaultServiceMetadata.class, ServiceMetadata.of("s3"));
    }

    @Test
    void regionMetadataIsTheSdksForEveryRegion() throws ReflectiveOperationException {
        RegionMetadataProvider sdks = sdkCopy("GeneratedRegionMetadataProvider");
        RegionMetadataProvider ours = new GeneratedRegionMetadataProvider();
        int known = 0;
        for (Region region : Region.regions()) {
            RegionMetadata expected = sdks.regionMetadata(region);
            RegionMetadata actual = ours.regionMetadata(region);
            if (expected == null) {
                assertNull(actual, region.id());
                continue;
            }
            known++;
            assertEquals(expected.getClass().getName(), actual.getClass().getName(), region.id());
            assertEquals(expected.id(), actual.id());
            assertEquals(domain(expected), domain(actual));
            assertEquals(expected.description(), actual.description());
            assertEquals(expected.partition().id(), actual.partition().id());
        }
        assertTrue(known > 30, "regions compared: " + known);
        assertNull(ours.regionMetadata(Region.of("xx-nowhere-9")));
    }

    private static Map<String, String> describe(List<ServicePartitionMetadata> partitions) {
        return partitions.stream().collect(Collectors.toMap(p -> p.partition().id(),
                p -> String.valueOf(p.globalRegion())));
    }
}
