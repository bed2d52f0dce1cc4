package software.amazon.awssdk.regions;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces the AWS SDK's generated table of region metadata, which loads one class per region (about 50) at once,
 * with a lazy lookup of the one class for the region that is asked for. Found before the SDK's copy for the reason
 * {@link GeneratedServiceMetadataProvider} gives; a unit test checks it answers as the SDK's table does.
 */
public final class GeneratedRegionMetadataProvider implements RegionMetadataProvider {

    private static final String PACKAGE = "software.amazon.awssdk.regions.regionmetadata.";
    private static final Map<Region, RegionMetadata> LOADED = new ConcurrentHashMap<>();

    @Override
    public RegionMetadata regionMetadata(Region region) {
        return LOADED.computeIfAbsent(region, GeneratedRegionMetadataProvider::load);
    }

    /** The SDK names each class after the region id in camel case: {@code us-isob-east-1} is {@code UsIsobEast1}. */
    private static RegionMetadata load(Region region) {
        StringBuilder name = new StringBuilder(PACKAGE);
        for (String part : region.id().split("-")) {
            if (!part.isEmpty()) {
                name.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        try {
            Class<?> type = Class.forName(name.toString(), true, GeneratedRegionMetadataProvider.class.getClassLoader());
            return RegionMetadata.class.isAssignableFrom(type)
                    ? (RegionMetadata) type.getDeclaredConstructor().newInstance() : null;
        } catch (ReflectiveOperationException | LinkageError unknownRegion) {
            return null;
        }
    }
}
