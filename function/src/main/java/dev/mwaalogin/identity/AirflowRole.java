package dev.mwaalogin.identity;

import java.util.Optional;

/**
 * The Airflow roles MWAA can sign a person in with, most powerful first: when several mapping rules match a person,
 * the highest wins.
 */
public enum AirflowRole {
    Admin, Op, User, Viewer, Public;

    /** Whether this role outranks the other. */
    public boolean outranks(AirflowRole other) {
        return other == null || ordinal() < other.ordinal();
    }

    /** The role with exactly this name (MWAA's spelling); empty for anything else. */
    public static Optional<AirflowRole> named(String name) {
        for (AirflowRole role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
