package dev.mwaalogin.local.emulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One environment's Airflow as InvokeRestApi reaches it: a few DAGs, the runs triggered through the REST API and
 * its audit log, kept in memory for as long as the emulator runs. It answers as the environment's Airflow version
 * does ({@link AirflowApiShape}) and enforces Airflow's default roles ({@link AirflowPermission}) for the user MWAA
 * signs the call in as. Tests read its state here; scripts read it through the REST API.
 *
 * <pre>{@code
 * FakeAirflow airflow = emu.airflow("demo");
 * airflow.dagRuns("example_etl").get(0).triggeredBy();   // "assumed-role/mwaa-op/alice"
 * airflow.isPaused("example_cleanup");                   // true until someone unpauses it
 * airflow.requests();                                    // InvokeRestApi calls that got past MWAA to Airflow
 * }</pre>
 */
public final class FakeAirflow {

    private final EmulatedEnvironment environment;
    private final AirflowApiShape shape;
    private final Clock clock;
    private final Instant parsedAt;
    private final Map<String, AirflowDag> dags = new TreeMap<>(); // Airflow lists DAGs by id
    private final Set<String> paused = new HashSet<>();
    private final List<AirflowDagRun> runs = new ArrayList<>();
    private final List<AirflowEvent> events = new ArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private final AirflowApi api;

    FakeAirflow(EmulatedEnvironment environment, List<AirflowDag> dags, Clock clock) {
        this.environment = environment;
        this.shape = AirflowApiShape.of(environment);
        this.clock = clock;
        this.parsedAt = clock.instant();
        for (AirflowDag dag : dags) {
            if (this.dags.putIfAbsent(dag.dagId(), dag) != null) {
                throw new IllegalArgumentException("DAG " + dag.dagId() + " added twice to " + environment.name());
            }
            if (dag.pausedAtStart()) {
                paused.add(dag.dagId());
            }
        }
        this.api = new AirflowApi(this);
    }

    public EmulatedEnvironment environment() {
        return environment;
    }

    /** Every DAG's id, sorted. */
    public synchronized List<String> dagIds() {
        return List.copyOf(dags.keySet());
    }

    /** @throws IllegalArgumentException when there is no such DAG */
    public synchronized boolean isPaused(String dagId) {
        requireDag(dagId);
        return paused.contains(dagId);
    }

    /** The DAG's runs, oldest first. @throws IllegalArgumentException when there is no such DAG */
    public synchronized List<AirflowDagRun> dagRuns(String dagId) {
        requireDag(dagId);
        return runs.stream().filter(run -> run.dagId().equals(dagId)).toList();
    }

    /** The audit log, oldest first. */
    public synchronized List<AirflowEvent> events() {
        return List.copyOf(events);
    }

    /** How many InvokeRestApi calls reached this Airflow (MWAA's refusals and MWAA-level faults never do). */
    public long requests() {
        return requests.get();
    }

    /**
     * Answers one call, whole: the fake's state changes under one lock, so concurrent triggers are serialised as
     * Airflow's database would serialise them.
     *
     * @param failWith a status Airflow answers instead, changing nothing (an armed {@code airflow} fault)
     */
    synchronized AirflowAnswer handle(AirflowCall call, OptionalInt failWith) {
        requests.incrementAndGet();
        return api.handle(call, failWith);
    }

    AirflowApiShape shape() {
        return shape;
    }

    Instant now() {
        return clock.instant();
    }

    Instant parsedAt() {
        return parsedAt;
    }

    /** Airflow 3.1 and later name the triggering user in a DAG run. */
    boolean namesTriggeringUser() {
        String[] parts = environment.airflowVersion().split("\\.");
        int major = environment.airflowMajorVersion();
        int minor = parts.length > 1 && parts[1].matches("\\d{1,4}") ? Integer.parseInt(parts[1]) : 0;
        return major > 3 || (major == 3 && minor >= 1);
    }

    // The rest is the state AirflowApi reads and changes, always under handle's lock.

    Optional<AirflowDag> dag(String dagId) {
        return Optional.ofNullable(dags.get(dagId));
    }

    List<AirflowDag> allDags() {
        return List.copyOf(dags.values());
    }

    boolean paused(String dagId) {
        return paused.contains(dagId);
    }

    void setPaused(String dagId, boolean pause) {
        if (pause) {
            paused.add(dagId);
        } else {
            paused.remove(dagId);
        }
    }

    List<AirflowDagRun> allRuns() {
        return List.copyOf(runs);
    }

    void addRun(AirflowDagRun run) {
        runs.add(run);
    }

    void log(String event, String dagId, String owner) {
        events.add(new AirflowEvent(events.size() + 1L, now(), event, dagId, owner));
    }

    private void requireDag(String dagId) {
        if (!dags.containsKey(dagId)) {
            throw new IllegalArgumentException("no DAG " + dagId + " in " + environment.name() + "; DAGs: "
                    + dags.keySet());
        }
    }
}
