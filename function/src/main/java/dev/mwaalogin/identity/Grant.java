package dev.mwaalogin.identity;

import dev.mwaalogin.request.Failure;
import java.util.Optional;

/**
 * What a caller may sign in as: everyone with the function's own identity, the person with their own session for
 * the Airflow role their groups map to, or nothing (deny by default).
 */
public sealed interface Grant {

    /** The Airflow role, for the log and the metrics; null when none is known. */
    AirflowRole role();

    /**
     * No {@code ROLE_MAPPING}: whoever API Gateway let through signs in with the function's own identity.
     *
     * @param role {@code AIRFLOW_ROLE} when it names an Airflow role; only for the log and for naming a missing
     *             permission
     */
    record Shared(AirflowRole role) implements Grant {
    }

    /**
     * The person signs in as themselves: an STS session of {@code roleArn} named {@code sessionName}.
     *
     * @param person      who, as the caller's source vouched for them
     * @param sessionName the person as STS and MWAA take it ({@link SessionNames})
     */
    record Personal(String person, AirflowRole role, String roleArn, String sessionName) implements Grant {
    }

    /** The caller may not sign in: no one vouched for, or no group mapped to a role. */
    record Refused(Failure.Reason reason) implements Grant {
        @Override
        public AirflowRole role() {
            return null;
        }
    }

    /** Shared identity, the caller's own session for their mapped role in {@code environment}, or a refusal. */
    static Grant of(Optional<Caller> caller, IdentitySettings identity, Optional<AirflowRole> sharedRole,
                    String environment) {
        if (identity.isShared()) {
            return new Shared(sharedRole.orElse(null));
        }
        if (caller.isEmpty()) {
            return new Refused(Failure.Reason.NO_IDENTITY);
        }
        Optional<AirflowRole> role = identity.mapping().roleFor(caller.get(), environment);
        if (role.isEmpty()) {
            return new Refused(Failure.Reason.NO_AIRFLOW_ROLE);
        }
        String roleArn = identity.roleArns().get(role.get());
        String sessionName = SessionNames.of(caller.get().person(),
                SessionNames.maxLengthFor(IdentitySettings.roleName(roleArn)));
        return new Personal(caller.get().person(), role.get(), roleArn, sessionName);
    }
}
