package dev.mwaalogin.local.bench;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which groups of rows a run measures ({@code -Dbench.only=identity,signin}; default all). Today's default
 * configuration, cold (the zip's own path and under the runtime client) and warm, is measured whatever the
 * selection: every group compares with it.
 *
 * @param groups the groups selected, never empty
 */
record Selection(Set<Group> groups) {

    /** A group of rows. */
    enum Group {
        /** The cold paths against boto3 and the CLI, the image, the floor, AppCDS, artifact and RSS. */
        BASELINES,
        /** Per-person identity: ROLE_MAPPING's cold path, warm hits and misses of the person's STS session. */
        IDENTITY,
        /** Browser sign-in: its cold starts and warm sign-in, and what its code costs when it is off. */
        SIGNIN,
        /** Event types: the runtime's own event mapping against the function's reader, cold. */
        EVENTS;

        String flag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    Selection {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no group selected");
        }
        groups = Set.copyOf(groups);
    }

    static Selection all() {
        return new Selection(EnumSet.allOf(Group.class));
    }

    /**
     * @param value comma-separated group names, any case; null, empty or {@code all} for every group
     * @throws IllegalArgumentException naming an unknown group and the known ones
     */
    static Selection parse(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("all")) {
            return all();
        }
        Set<Group> groups = EnumSet.noneOf(Group.class);
        for (String name : value.split(",")) {
            String flag = name.strip().toLowerCase(Locale.ROOT);
            if (flag.isEmpty()) {
                continue;
            }
            groups.add(Arrays.stream(Group.values()).filter(g -> g.flag().equals(flag)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("bench.only: unknown group '" + flag
                            + "'; known: " + Arrays.stream(Group.values()).map(Group::flag)
                            .collect(Collectors.joining(", ")) + ", all")));
        }
        return new Selection(groups);
    }

    boolean has(Group group) {
        return groups.contains(group);
    }

    boolean isAll() {
        return groups.size() == Group.values().length;
    }

    /** For the report's header: {@code all} or the names selected. */
    String describe() {
        return isAll() ? "all" : Arrays.stream(Group.values()).filter(groups::contains).map(Group::flag)
                .collect(Collectors.joining(","));
    }
}
