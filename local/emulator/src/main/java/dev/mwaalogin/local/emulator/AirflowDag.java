package dev.mwaalogin.local.emulator;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A DAG as the fake Airflow knows it: what its file would declare. Whether it is paused is state, kept by
 * {@link FakeAirflow}.
 *
 * @param dagId                 e.g. {@code example_etl}
 * @param description           or null
 * @param schedule              a cron expression or preset such as {@code @daily}, or null for none
 * @param timetableDescription  Airflow's words for the schedule
 * @param tags                  the DAG's tags
 * @param pausedAtStart         whether it is paused when the emulator starts
 */
record AirflowDag(String dagId, String description, String schedule, String timetableDescription,
                  List<String> tags, boolean pausedAtStart) {

    /** Airflow's rule for DAG ids: letters, digits, dashes, dots and underscores, at most 250 characters. */
    static final Pattern DAG_ID = Pattern.compile("[A-Za-z0-9_.-]{1,250}");

    /** Every environment has these unless DAGs were registered for it. */
    static final List<AirflowDag> EXAMPLES = List.of(
            new AirflowDag("example_etl", "Loads yesterday's orders into the warehouse", "@daily", "At 00:00",
                    List.of("example", "etl"), false),
            new AirflowDag("example_report", "Sends the morning report", "0 6 * * *", "At 06:00",
                    List.of("example"), false),
            new AirflowDag("example_cleanup", "Removes old temporary files; run by hand", null,
                    "Never, external triggers only", List.of("maintenance"), true));

    AirflowDag {
        Objects.requireNonNull(dagId, "dagId");
        if (!DAG_ID.matcher(dagId).matches()) {
            throw new IllegalArgumentException("not an Airflow DAG id (" + DAG_ID.pattern() + "): " + dagId);
        }
        Objects.requireNonNull(timetableDescription, "timetableDescription");
        tags = List.copyOf(tags);
    }

    /** A DAG with no schedule, description or tags, as a test registers it. */
    static AirflowDag named(String dagId, boolean paused) {
        return new AirflowDag(dagId, null, null, "Never, external triggers only", List.of(), paused);
    }

    /** Where the DAG's file would be on an MWAA worker. */
    String fileloc() {
        return "/usr/local/airflow/dags/" + dagId + ".py";
    }
}
